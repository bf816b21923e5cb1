import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runRuleCase } from "../../src/engine/runRuleCase.js";
import { documentKind } from "../../src/load/documentKind.js";
import { loadDocument } from "../../src/load/loadDocument.js";
import { loadInventory } from "../../src/load/loadInventory.js";
import { RuleCasesFile } from "../../src/load/schema/cases.js";
import { builtinPack, RULES_DIR } from "../helpers.js";

/** Every cases file of the built-in pack (builtin.yaml, and one per source's rules), each against its own inventory. */
const caseFiles = readdirSync(`${RULES_DIR}/cases`)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()
  .map((name) => `${RULES_DIR}/cases/${name}`)
  .filter((path) => documentKind(readFileSync(path, "utf8")) === "RuleCases");
const files = caseFiles.map((path) => {
  const file = loadDocument(path, readFileSync(path, "utf8"), RuleCasesFile, "RuleCases").value;
  const inventoryPath = `${RULES_DIR}/cases/${file.inventory}`;
  return { file, inventory: loadInventory(inventoryPath, readFileSync(inventoryPath, "utf8")), now: Date.parse(file.now!) };
});
const cases = { cases: files.flatMap((f) => f.file.cases) };
const runs = files.flatMap((f) => f.file.cases.map((c) => [c.name, c, f] as const));

describe("built-in rule cases", () => {
  it.each(runs)("%s", async (_name, c, f) => {
    const outcome = runRuleCase(c, await builtinPack(), f.inventory, f.now);
    expect(outcome.failures, `fired: ${outcome.fired.join(", ")}`).toEqual([]);
  });

  it("every rule has a positive and a negative case", async () => {
    const pack = await builtinPack();
    const positive = new Set(cases.cases.flatMap((c) => c.fires ?? []));
    const negative = new Set(cases.cases.flatMap((c) => c.silent ?? []));
    const missing = pack.rules.flatMap((r) => [
      ...(positive.has(r.id) ? [] : [`${r.id}: no positive case`]),
      ...(negative.has(r.id) ? [] : [`${r.id}: no negative case`]),
    ]);
    expect(missing).toEqual([]);
  });

  it("every rule with its own unknown wording has a case where it fires as unknown", async () => {
    const pack = await builtinPack();
    const shown = new Set(cases.cases.flatMap((c) => c.unknown ?? []));
    expect(pack.rules.filter((r) => r.whenUnknown && !shown.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  it("cases name only rules that exist", async () => {
    const ids = new Set((await builtinPack()).rules.map((r) => r.id));
    const named = cases.cases.flatMap((c) => [...(c.fires ?? []), ...(c.silent ?? []), ...(c.unknown ?? [])]);
    expect(named.filter((id) => !ids.has(id))).toEqual([]);
  });
});
