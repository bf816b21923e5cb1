import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/load/diagnostic.js";
import { loadRuleCases } from "../../src/load/loadRuleCases.js";
import { ruleCaseFiles } from "../../src/load/ruleCaseFiles.js";
import { builtinPack, tempDir } from "../helpers.js";

const HEAD = "apiVersion: nhi-triage/v1\nkind: RuleCases\n";
const INVENTORY = "apiVersion: nhi-triage/v1\nkind: Inventory\nidentities:\n  - { id: svc-a, kind: bot }\n";

async function problems(files: Record<string, string>): Promise<string[]> {
  const dir = tempDir("cases-");
  mkdirSync(join(dir, "cases"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, "cases", name), text);
  try {
    await loadRuleCases(await ruleCaseFiles(dir), await builtinPack());
    return [];
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return e.diagnostics.map((d) => `${d.file.slice(dir.length + 1)}:${d.line}:${d.column} ${d.message}`);
  }
}

describe("loadRuleCases", () => {
  it("skips the inventory beside the cases and loads a case file against it", async () => {
    expect(await problems({ "inventory.yaml": INVENTORY, "a.yaml": `${HEAD}inventory: inventory.yaml\ncases:\n  - name: x\n    incident: { affected: { identities: [svc-a] } }\n    silent: [NHI-NO-OWNER]\n` })).toEqual([]);
  });

  it("reports unknown rules, change rules, unknown symptoms, duplicate names and unknown affected ids at their position", async () => {
    const text = [
      `${HEAD}inventory: inventory.yaml`,
      "cases:",
      "  - name: one",
      "    incident: { symptoms: [leaked-secrets], affected: { identities: [svc-b] } }",
      "    fires: [NHI-STATIC-SECRETS, CHANGE-OWNER-REMOVED]",
      "  - name: one",
      "    incident: {}",
      "",
    ].join("\n");
    expect(await problems({ "inventory.yaml": INVENTORY, "a.yaml": text })).toEqual([
      'cases/a.yaml:6:28 unknown symptom "leaked-secrets"; did you mean "leaked-secret"?',
      expect.stringMatching(/^cases\/a\.yaml:6:70 unknown identity "svc-b": not in .*inventory\.yaml; did you mean "svc-a"\?$/),
      'cases/a.yaml:7:13 unknown rule "NHI-STATIC-SECRETS"; did you mean "NHI-STATIC-SECRET"?',
      "cases/a.yaml:7:33 CHANGE-OWNER-REMOVED is a change rule: it compares two inventories, so no incident case can exercise it",
      'cases/a.yaml:8:11 duplicate case name "one" (also case 1): names are how results are reported',
    ]);
  });

  it("points at the inventory line when the inventory is missing, and at affected ids when there is none", async () => {
    const missing = await problems({ "a.yaml": `${HEAD}inventory: nope.yaml\ncases:\n  - { name: x, incident: {} }\n` });
    expect(missing).toEqual([expect.stringMatching(/^cases\/a\.yaml:3:12 inventory nope\.yaml \(.*nope\.yaml\): file not found$/)]);
    const none = await problems({ "a.yaml": `${HEAD}cases:\n  - { name: x, incident: { affected: { agents: [bot-1] } } }\n` });
    expect(none).toEqual([expect.stringMatching(/^cases\/a\.yaml:4:\d+ case "x" names agent "bot-1", but this file has no inventory: to resolve it against$/)]);
  });

  it("loads a misspelt kind as cases, so it is reported rather than skipped", async () => {
    expect(await problems({ "a.yaml": "apiVersion: nhi-triage/v1\nkind: RuleCase\ncases: []\n" })).toEqual(["cases/a.yaml:2:7 expected kind: RuleCases, this file has kind: RuleCase"]);
  });
});
