import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { applyOverlay } from "../../src/discover/applyOverlay.js";
import { keepWrittenLines } from "../../src/discover/keepWrittenLines.js";
import { updateInventory } from "../../src/discover/updateInventory.js";
import type { Inventory } from "../../src/load/schema/inventory.js";

const source = (file: string) => ({ file, line: 1, kind: "github-workflow" as const });
const inventory = (identities: Inventory["identities"], workflows: Inventory["workflows"] = []): Inventory => ({ apiVersion: "nhi-triage/v1", kind: "Inventory", identities, workflows });
const all = () => true;

describe("updateInventory: the sources' facts written into a person's file", () => {
  const written = [
    "apiVersion: nhi-triage/v1",
    "kind: Inventory",
    "identities:",
    "# lists written flush with their key, and a comment with its own spacing",
    "- id: key-a",
    "  kind: api-key",
    "  owner: team-a      # asked in #platform",
    "  privileges:",
    "  - repo:read",
    "  source: { file: w.yml, line: 1, kind: github-workflow }",
    "- id: key-b",
    "  kind: api-key",
    "  source: { file: w.yml, line: 1, kind: github-workflow }",
    "- id: key-c",
    "  kind: api-key",
    "  # still used by the nightly export",
    "  source: { file: w.yml, line: 1, kind: github-workflow }",
    "",
  ].join("\n");

  it("changes only the lines whose facts changed, in the person's layout elsewhere", () => {
    const out = updateInventory(written, inventory([{ id: "key-a", kind: "api-key", privileges: ["repo:write"], source: source("w.yml") }, { id: "key-b", kind: "api-key", source: source("w.yml") }, { id: "key-c", kind: "api-key", source: source("w.yml") }]), all);
    expect(out.changed).toBe(true);
    const lines = out.text.split("\n");
    expect(lines.filter((l, i) => l !== written.split("\n")[i])).toEqual([expect.stringMatching(/- repo:write$/)]);
    expect(out.text).toContain("  owner: team-a      # asked in #platform\n");
  });

  it("drops an entry discover wrote that is gone, keeps one with a person's comment, and adds a new one", () => {
    const out = updateInventory(written, inventory([{ id: "key-a", kind: "api-key", privileges: ["repo:read"], source: source("w.yml") }, { id: "key-d", kind: "bot", source: source("w.yml") }]), all);
    expect(out.removed.map((g) => g.id)).toEqual(["key-b"]);
    expect(out.kept).toEqual([{ path: ["identities", 2, "id"], what: "identity", id: "key-c" }]);
    expect(out.text).not.toContain("key-b");
    expect(out.text).toContain("# still used by the nightly export");
    expect(out.text).toMatch(/id: key-d\n\s+kind: bot/);
  });

  it("a source fact discovery no longer gives is dropped; a person's field never is", () => {
    const out = updateInventory(written, inventory([{ id: "key-a", kind: "api-key", source: source("w.yml") }, { id: "key-b", kind: "api-key", source: source("w.yml") }, { id: "key-c", kind: "api-key", source: source("w.yml") }]), all);
    expect(out.text).not.toContain("repo:read");
    expect(out.text).toContain("owner: team-a");
  });

  it("entries from files outside what was searched are not gone", () => {
    const out = updateInventory(written, inventory([]), () => false);
    expect([out.changed, out.text]).toEqual([false, written]);
  });
});

describe("keepWrittenLines", () => {
  it("takes the library's printing when the file does not line up with it", () => {
    expect(keepWrittenLines("a: 'x'\nb: 1\n", 'a: "x"\nb: 1\n', 'a: "x"\nb: 2\n')).toBe('a: "x"\nb: 2\n');
    expect(keepWrittenLines("a:    1 # c\nb: 1\n", "a: 1 # c\nb: 1\n", "a: 1 # c\nb: 2\n")).toBe("a:    1 # c\nb: 2\n");
  });
});

describe("applyOverlay", () => {
  it("lays people's fields over discovered entries by id and reports each entry that matches nothing", () => {
    const { inventory: out, unmatched } = applyOverlay(inventory([{ id: "k", kind: "api-key", environments: ["production"] }], [{ id: "w", steps: [{ id: "s", retries: 2 }] }]), {
      apiVersion: "nhi-triage/v1",
      kind: "Overlay",
      identities: [{ id: "k", owner: "sre", environments: ["prod"] }, { id: "gone" }],
      workflows: [{ id: "w", steps: [{ id: "s", idempotent: true }, { id: "t", idempotent: true }] }, { id: "x" }],
    });
    expect(out.identities).toEqual([{ id: "k", kind: "api-key", environments: ["prod"], owner: "sre" }]);
    expect(out.workflows).toEqual([{ id: "w", steps: [{ id: "s", retries: 2, idempotent: true }] }]);
    expect(unmatched).toEqual([
      { path: ["identities", 1, "id"], what: "identity", id: "gone" },
      { path: ["workflows", 0, "steps", 1, "id"], what: "step", id: "t", workflow: "w" },
      { path: ["workflows", 1, "id"], what: "workflow", id: "x" },
    ]);
  });
});

describe("updateInventory: approvals", () => {
  it("writes a job's approval when --github-environments gives it, and keeps a person's when it does not", () => {
    const file = [
      "apiVersion: nhi-triage/v1",
      "kind: Inventory",
      "workflows:",
      "  - id: deploy.yml",
      "    steps:",
      "      - id: deploy",
      "        approval: { required: true } # the release manager signs off",
      "        source: { file: deploy.yml, line: 5, kind: github-workflow }",
      "",
    ].join("\n");
    const step = (approval?: { required: boolean; singleUse?: boolean }) =>
      inventory([], [{ id: "deploy.yml", steps: [{ id: "deploy", ...(approval ? { approval } : {}), source: source("deploy.yml") }] }]);
    const given = updateInventory(file, step({ required: false }), all);
    expect((parse(given.text) as Inventory).workflows![0]!.steps![0]!.approval).toEqual({ required: false });
    const unknown = updateInventory(file, step(), all);
    expect(unknown.text).toContain("approval: { required: true } # the release manager signs off");
  });
});
