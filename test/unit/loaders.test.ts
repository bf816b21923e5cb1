import { describe, expect, it } from "vitest";
import { loadIncident } from "../../src/load/loadIncident.js";
import { loadInventory } from "../../src/load/loadInventory.js";
import { builtinPack, problems } from "../helpers.js";

const INVENTORY = `apiVersion: nhi-triage/v1
kind: Inventory
identities:
  - id: svc-deploy
    kind: service-account
workflows:
  - id: nightly
    steps:
      - id: migrate
        identity: svc-deploy
`;

describe("incident loading", () => {
  it("collects every problem of a file, with positions and suggestions", async () => {
    const pack = await builtinPack();
    const text = `apiVersion: nhi-triage/v1
kind: Incident
id: INC-1
discription: the job kept retrying
symptoms:
  - repeated-retry
  - code: leaked-secrets
active: maybe
`;
    expect(problems(() => loadIncident("inc.yaml", text, pack))).toEqual([
      '4:1 unknown field "discription" in (document); did you mean "description"?',
      '6:5 unknown symptom "repeated-retry"; did you mean "repeated-retries"?',
      '7:11 unknown symptom "leaked-secrets"; did you mean "leaked-secret"?',
      "8:9 active: expected boolean, got \"maybe\"",
    ]);
  });

  it("accepts the SPEC example's spelling replayed-privileged-step as privileged-step-replayed", async () => {
    const pack = await builtinPack();
    const text = "apiVersion: nhi-triage/v1\nkind: Incident\nid: INC-1\nsymptoms: [replayed-privileged-step]\n";
    expect(problems(() => loadIncident("inc.yaml", text, pack))).toEqual([]);
  });

  it("names the closest known symptom codes", async () => {
    const pack = await builtinPack();
    const text = "apiVersion: nhi-triage/v1\nkind: Incident\nid: INC-1\nsymptoms:\n  - repeated-retry\n  - code: leaked-secrets\n";
    expect(problems(() => loadIncident("inc.yaml", text, pack))).toEqual([
      '5:5 unknown symptom "repeated-retry"; did you mean "repeated-retries"?',
      '6:11 unknown symptom "leaked-secrets"; did you mean "leaked-secret"?',
    ]);
  });

  it("checks affected ids against the inventory", async () => {
    const pack = await builtinPack();
    const inv = loadInventory("inv.yaml", INVENTORY);
    const text = "apiVersion: nhi-triage/v1\nkind: Incident\nid: INC-1\naffected:\n  identities: [svc-deploi]\n  workflows: [nightly]\n";
    expect(problems(() => loadIncident("inc.yaml", text, pack, inv))).toEqual([
      '5:16 unknown identity "svc-deploi": not in inv.yaml; did you mean "svc-deploy"?',
    ]);
  });

  it("says so when the file is of another kind", async () => {
    const pack = await builtinPack();
    expect(problems(() => loadIncident("inv.yaml", INVENTORY, pack))).toEqual(["2:7 expected kind: Incident, this file has kind: Inventory"]);
  });

  it("reports YAML syntax errors with a position", async () => {
    const pack = await builtinPack();
    const [first] = problems(() => loadIncident("bad.yaml", "apiVersion: nhi-triage/v1\nkind: Incident\nid: [unclosed\n", pack));
    expect(first).toMatch(/^\d+:\d+ invalid YAML: /);
  });

  it("explains deep nesting and a second document in plain words", async () => {
    const pack = await builtinPack();
    const deep = `apiVersion: nhi-triage/v1\nkind: Incident\nid: X\ndescription: ${"[".repeat(10000)}${"]".repeat(10000)}\n`;
    expect(problems(() => loadIncident("deep.yaml", deep, pack))[0]).toMatch(/^4:\d+ invalid YAML: nesting is too deep: more than 64 levels of lists and mappings$/);
    const two = "apiVersion: nhi-triage/v1\nkind: Incident\nid: X\n---\nid: Y\n";
    expect(problems(() => loadIncident("two.yaml", two, pack))).toEqual(["4:1 invalid YAML: a file holds one document, but this one has a second (after ---)"]);
  });

  it("rejects an empty file", async () => {
    const pack = await builtinPack();
    expect(problems(() => loadIncident("empty.yaml", "", pack))).toEqual(["1:1 empty file: expected a YAML document of kind: Incident"]);
  });

  it("bounds alias expansion", async () => {
    const pack = await builtinPack();
    const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]`);
    const [first] = problems(() => loadIncident("bomb.yaml", `${lines.join("\n")}\n`, pack));
    expect(first).toMatch(/YAML could not be expanded: .*alias/i);
  });
});

describe("inventory loading", () => {
  it("finds duplicate ids and dangling references", () => {
    const text = `apiVersion: nhi-triage/v1
kind: Inventory
identities:
  - { id: a, kind: bot }
  - { id: a, kind: bot }
workflows:
  - id: w
    steps:
      - { id: s, identity: b }
agents:
  - { id: ag, identity: a, delegatesTo: [nobody] }
`;
    expect(problems(() => loadInventory("inv.yaml", text))).toEqual([
      '5:11 duplicate identity id "a" (first defined at line 4)',
      '9:28 unknown identity "b"',
      '11:42 unknown agent "nobody"',
    ]);
  });

  it("explains enum and format mistakes", () => {
    const text = `apiVersion: nhi-triage/v1
kind: Inventory
identities:
  - id: a
    kind: service-acount
    credential: { type: static, maxAge: 90 days, lastRotated: 2026-13-40 }
`;
    expect(problems(() => loadInventory("inv.yaml", text))).toEqual([
      '5:11 identities[0].kind: expected one of service-account | api-key | oauth-client | access-token | workload | agent | certificate | bot, got "service-acount"; did you mean "service-account"?',
      '6:25 identities[0].credential.type: expected one of static-secret | password | short-lived-token | workload-identity | certificate, got "static"; did you mean "static-secret"?',
      "6:41 identities[0].credential.maxAge: expected a duration such as 90d, 12h, 30m or 45s",
      "6:63 identities[0].credential.lastRotated: expected a real calendar date",
    ]);
  });
});
