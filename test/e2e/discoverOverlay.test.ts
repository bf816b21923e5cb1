import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { diffArrays } from "diff";
import { describe, expect, it } from "vitest";
import { loadInventory } from "../../src/load/loadInventory.js";
import { ROOT, tempDir } from "../helpers.js";
import { run } from "./run.js";

const OVERLAY = "fixtures/discover/nhi-overlay.yaml";

/** A copy of the fixture repository's sources in a scratch folder, so a test can change them. */
function scratch(): { dir: string; sources: string } {
  const dir = tempDir("nhi-update-");
  const sources = join(dir, "src");
  mkdirSync(sources);
  // The workflows only: the other sources' warnings (a Secret's values in a kubectl export) are other tests'.
  for (const part of [".github", "ci"]) cpSync(join(ROOT, "fixtures/sources", part), join(sources, part), { recursive: true });
  return { dir, sources };
}

describe("nhi-triage discover --overlay", () => {
  it("merges what people know by id, and names the overlay entry that matches nothing", () => {
    const r = run(["discover", "fixtures/sources/.github", "--overlay", OVERLAY]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `${OVERLAY}:13:9  warning  overlay entry matches nothing: no discovered identity has the id "secrets.OLD_DEPLOY_KEY"\n   13 |   - id: secrets.OLD_DEPLOY_KEY\n      |         ^\n`,
    );
    const inv = loadInventory("out.yaml", r.stdout);
    expect(inv.identities.get("secrets.AWS_ACCESS_KEY_ID")).toMatchObject({ owner: "platform-team", usedBy: ["platform-team", "data-team"], environments: ["prod"], credential: { type: "static-secret" } });
    const step = inv.workflows.get(".github/workflows/deploy.yml")!.steps!.find((s) => s.id === "deploy-aws")!;
    expect(step).toMatchObject({ idempotent: false, compensation: "redeploy the previous release tag", approval: { required: true, singleUse: true }, retries: expect.any(Number) });
  });

  it("refuses a source fact in the overlay, with its place, and writes nothing", () => {
    const dir = tempDir("nhi-overlay-");
    const overlay = join(dir, "o.yaml");
    writeFileSync(overlay, "apiVersion: nhi-triage/v1\nkind: Overlay\nidentities:\n  - id: secrets.AWS_ACCESS_KEY_ID\n    privileges: []\n");
    const out = join(dir, "inv.yaml");
    const r = run(["discover", "fixtures/sources", "--overlay", overlay, "--output", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^${overlay}:5:5  error  .*privileges`, "m"));
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(() => readFileSync(out)).toThrow();
  });

  it("an overlay naming a step twice is an error at the second", () => {
    const dir = tempDir("nhi-overlay-");
    const overlay = join(dir, "o.yaml");
    writeFileSync(overlay, "apiVersion: nhi-triage/v1\nkind: Overlay\nworkflows:\n  - id: w\n    steps:\n      - id: a\n      - id: a\n");
    const r = run(["discover", "fixtures/sources", "--overlay", overlay]);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toMatch(new RegExp(`^${overlay}:7:13  error  duplicate step id "a" in the overlay \\(first at line 6\\)`, "m"));
  });
});

describe("nhi-triage discover --update", () => {
  it("leaves an inventory the sources agree with byte for byte, and keeps a person's comments and fields", () => {
    const { dir, sources } = scratch();
    const file = join(dir, "inv.yaml");
    const made = run(["discover", sources, "--output", file]);
    expect(made.code).toBe(0);
    const written = readFileSync(file, "utf8").replace("  - id: secrets.AWS_ACCESS_KEY_ID\n", "  # Rotation is PLAT-211.\n  - id: secrets.AWS_ACCESS_KEY_ID\n    owner: platform-team   # confirmed in review\n");
    writeFileSync(file, written);
    const same = run(["discover", sources, "--update", file]);
    expect([same.code, same.stdout, same.stderr]).toEqual([0, "", ""]);
    expect(readFileSync(file, "utf8")).toBe(written);

    // A job's permissions widened: only the lines that say so change.
    const ci = join(sources, ".github/workflows/ci.yml");
    writeFileSync(ci, readFileSync(ci, "utf8").replace("contents: read", "contents: write"));
    const changed = run(["discover", sources, "--update", file]);
    expect([changed.code, changed.stdout, changed.stderr]).toEqual([0, "", ""]);
    const after = readFileSync(file, "utf8");
    const parts = diffArrays(written.split("\n"), after.split("\n")).filter((p) => p.added || p.removed);
    expect(parts.flatMap((p) => p.value.map((l) => `${p.added ? "+" : "-"}${l}`))).toEqual([
      "-      - github:contents:read",
      "+      - github:contents:write",
      "-      - github:contents:read",
      "+      - github:contents:write",
      "+        privileged: true",
      "+        privileged: true",
    ]);
    expect(after).toContain("  # Rotation is PLAT-211.\n  - id: secrets.AWS_ACCESS_KEY_ID\n    owner: platform-team   # confirmed in review\n");
    expect(after).toContain("github:contents:write");
    expect(after).not.toContain("github:contents:read\n    source:\n      file: " + join(sources, ".github/workflows/ci.yml"));
  });

  it("a deleted workflow: what discover wrote goes, what a person wrote in stays and is named", () => {
    const { dir, sources } = scratch();
    const file = join(dir, "inv.yaml");
    run(["discover", sources, "--output", file]);
    writeFileSync(file, readFileSync(file, "utf8").replace("  - id: secrets.GCP_SA_KEY\n", "  - id: secrets.GCP_SA_KEY\n    owner: data-team\n"));
    cpSync(join(sources, ".github/workflows/deploy.yml"), join(dir, "deploy.yml.bak"));
    writeFileSync(join(sources, ".github/workflows/deploy.yml"), "");
    const broken = run(["discover", sources, "--update", file]);
    // A source that cannot be read: nothing is updated, since its entries would look gone.
    expect(broken.code).toBe(2);
    const before = readFileSync(file, "utf8");
    expect(before).toContain("deploy.yml#deploy-gcp/GITHUB_TOKEN");
    // Removed for real this time.
    writeFileSync(join(sources, ".github/workflows/deploy.yml"), "name: gone\non: push\njobs: {}\n");
    const r = run(["discover", sources, "--update", file]);
    expect(r.code).toBe(0);
    const after = readFileSync(file, "utf8");
    expect(after).not.toContain("deploy.yml#deploy-gcp/GITHUB_TOKEN");
    expect(after).toContain("  - id: secrets.GCP_SA_KEY\n    owner: data-team\n");
    expect(r.stderr).toMatch(/warning {2}identity "secrets\.GCP_SA_KEY" is no longer found in the sources; kept, since a person wrote in it/);
    expect(r.stderr).toMatch(/warning {2}identity "\.github\/workflows\/deploy\.yml#deploy-gcp\/GITHUB_TOKEN" is no longer found in the sources; removed/);
    expect(loadInventory(file, after).identities.has("secrets.GCP_SA_KEY")).toBe(true);
  });

  it("searching one folder leaves what was found in another alone", () => {
    const { dir, sources } = scratch();
    const file = join(dir, "inv.yaml");
    run(["discover", sources, "--output", file]);
    const before = readFileSync(file, "utf8");
    const r = run(["discover", join(sources, ".github"), "--update", file]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(readFileSync(file, "utf8")).toBe(before);
  });

  it("a broken inventory to update is an input error at its place, and the file is left as it was", () => {
    const dir = tempDir("nhi-update-");
    const file = join(dir, "inv.yaml");
    const text = "apiVersion: nhi-triage/v1\nkind: Inventory\nidentities:\n  - id: a\n    kind: robot\n";
    writeFileSync(file, text);
    const r = run(["discover", "fixtures/sources", "--update", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^${file}:5:11  error  `, "m"));
    expect(readFileSync(file, "utf8")).toBe(text);
  });
});
