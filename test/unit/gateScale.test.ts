import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inventorySubjects } from "../../src/engine/buildSubjects.js";
import { conditionHolds } from "../../src/engine/conditionHolds.js";
import { evaluateCondition } from "../../src/engine/evaluateCondition.js";
import { changeFindings } from "../../src/gate/changeFindings.js";
import { postureFindings } from "../../src/gate/postureFindings.js";
import { runGate } from "../../src/gate/runGate.js";
import { loadInventory } from "../../src/load/loadInventory.js";
import { portfolio } from "../../src/engine/portfolio.js";
import { triage } from "../../src/engine/triage.js";
import { formatGateJson, formatGateJsonChunks, gateDocument } from "../../src/report/formatGateJson.js";
import { formatJson, formatJsonChunks } from "../../src/report/formatJson.js";
import { batchDocument, triageDocument } from "../../src/report/toJson.js";
// @ts-expect-error -- the benchmark generator is plain JavaScript
import { inventoryYaml } from "../../bench/generate.mjs";
import { builtinPack, NOW, ROOT } from "../helpers.js";

const generated = (n: number, base = false) => loadInventory(`gen-${n}${base ? "-base" : ""}.yaml`, inventoryYaml(n, 42, { base, mix: "stress" }) as string);
const fixture = (f: string) => loadInventory(f, readFileSync(`${ROOT}${f}`, "utf8"));

describe("the compiled condition test", () => {
  it("agrees with evaluateCondition for every rule on every entry of the fixtures and a generated inventory", async () => {
    const pack = await builtinPack();
    const ctx = { active: false, now: NOW, privileges: pack.privileges };
    const answers = new Map<unknown, number>();
    for (const inv of [fixture("fixtures/inventory.yaml"), fixture("fixtures/gate/head.yaml"), fixture("fixtures/unknown/bare.yaml"), generated(500)]) {
      for (const subject of inventorySubjects(inv)) {
        const input = { subject, ctx, symptoms: new Map() };
        for (const rule of pack.rules.filter((r) => r.subject === subject.kind)) {
          const expected = evaluateCondition(rule.when, input).truth;
          expect(conditionHolds(rule.when, input), `${rule.id} on ${subject.ref}`).toBe(expected);
          answers.set(expected, (answers.get(expected) ?? 0) + 1);
        }
      }
    }
    // All three answers are exercised, often.
    expect(answers.get(true)).toBeGreaterThan(500);
    expect(answers.get(false)).toBeGreaterThan(5000);
    expect(answers.get("unknown")).toBeGreaterThan(50);
  });
});

describe("the paths the gate's subjects carry", () => {
  it("are the paths the inventory's table of refs gives, for every entry", () => {
    let n = 0;
    for (const inv of [fixture("fixtures/inventory.yaml"), fixture("fixtures/gate/head.yaml"), fixture("fixtures/gate/base.yaml"), generated(500)]) {
      for (const subject of inventorySubjects(inv)) {
        expect(subject.path, subject.ref).toEqual(inv.paths.get(subject.ref));
        n++;
      }
      expect(inventorySubjects(inv).length).toBe(inv.paths.size);
    }
    expect(n).toBeGreaterThan(700);
  });
});

describe("the gate with a base evaluates only the entries that changed", () => {
  it("gives what evaluating the whole base would give", async () => {
    const pack = await builtinPack();
    const head = generated(2000);
    // Besides the generated pull request (1% of identities gain a privilege), a third of the
    // secrets kept in a vault were in source code before: the base has findings head lacks.
    let n = 0;
    const baseText = (inventoryYaml(2000, 42, { base: true, mix: "stress" }) as string).replace(/storage: vault/g, (m) => (n++ % 3 === 0 ? "storage: source-code" : m));
    const base = loadInventory("gen-base.yaml", baseText);
    const result = runGate({ pack, head, baseInventory: base, base: { kind: "present", given: "b", label: "b" }, waivers: [], now: NOW, failOn: "high", strict: false });

    // The reference: every entry of both inventories evaluated.
    const headF = postureFindings(pack, head, NOW);
    const baseF = postureFindings(pack, base, NOW);
    const baseKeys = new Set(baseF.map((f) => f.fingerprint));
    const headKeys = new Set(headF.map((f) => f.fingerprint));
    const changes = changeFindings(pack.changes, base, head, NOW, pack.privileges);
    const keys = (fs: ReadonlyArray<{ fingerprint: string }>) => fs.map((f) => f.fingerprint).sort();
    expect(keys(result.new)).toEqual(keys([...headF.filter((f) => !baseKeys.has(f.fingerprint)), ...changes]));
    expect(keys(result.existing)).toEqual(keys(headF.filter((f) => baseKeys.has(f.fingerprint))));
    expect(keys(result.resolved)).toEqual(keys(baseF.filter((f) => !headKeys.has(f.fingerprint))));
    // The generated pull request widens 1% of the identities: the shortcut was not vacuous.
    expect(changes.length).toBeGreaterThan(10);
    expect(result.resolved.length).toBeGreaterThan(50);
    expect(result.existing.length).toBeGreaterThan(1000);
  });
});

describe("the gate's JSON written in pieces", () => {
  it("is byte for byte JSON.stringify of the whole document", async () => {
    const pack = await builtinPack();
    const style = { red: String, green: String, yellow: String, dim: String, bold: String, cyan: String } as never;
    const cases = [
      runGate({ pack, head: generated(700), waivers: [], base: { kind: "none" }, now: NOW, failOn: "high", strict: false }),
      runGate({ pack, head: fixture("fixtures/gate/head.yaml"), baseInventory: fixture("fixtures/gate/base.yaml"), base: { kind: "present", given: "b", label: "b" }, waivers: [], now: NOW, failOn: "high", strict: false }),
      runGate({ pack, head: loadInventory("empty.yaml", "apiVersion: nhi-triage/v1\nkind: Inventory\n"), waivers: [], base: { kind: "none" }, now: NOW, failOn: "high", strict: false }),
    ];
    expect(cases[0]!.new.length).toBeGreaterThan(1024);
    for (const result of cases) {
      const report = { result, pack, style, version: "0" };
      const expected = `${JSON.stringify(gateDocument(result), null, 2)}\n`;
      expect([...formatGateJsonChunks(report)].join("")).toBe(expected);
      expect(formatGateJson(report)).toBe(expected);
    }
  });
});

describe("analyze's batch JSON written in pieces", () => {
  it("is byte for byte JSON.stringify of the whole batch, for a batch longer than one piece", async () => {
    const pack = await builtinPack();
    const inventory = fixture("fixtures/inventory.yaml");
    const incident = (i: number) => ({ apiVersion: "nhi-triage/v1" as const, kind: "Incident" as const, id: `INC-${i}`, description: i % 2 ? "The job retried and ran the migration twice." : "A token leaked and was used.", affected: { identities: ["svc-deploy"] } });
    const results = Array.from({ length: 600 }, (_, i) => triage(incident(i) as never, pack, inventory, { now: NOW, file: `f${i}.yaml` }));
    const report = { results, batch: true, summary: portfolio(results), errors: [], pack, style: {} as never };
    const expected = `${JSON.stringify(batchDocument(results, report.summary, []), null, 2)}\n`;
    expect([...formatJsonChunks(report)].join("")).toBe(expected);
    expect(formatJson({ ...report, results: results.slice(0, 1), batch: false })).toBe(`${JSON.stringify(triageDocument(results[0]!), null, 2)}\n`);
  });
});
