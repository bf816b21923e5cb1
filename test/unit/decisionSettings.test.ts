import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { triage } from "../../src/engine/triage.js";
import { runGate } from "../../src/gate/runGate.js";
import { loadInventory } from "../../src/load/loadInventory.js";
import { loadRulePack } from "../../src/load/loadRulePack.js";
import type { Incident } from "../../src/load/schema/incident.js";
import { builtinPack, extraPackProblems, NOW, ROOT, RULES_DIR, tempDir } from "../helpers.js";

const decisionFile = (body: string) => `apiVersion: nhi-triage/v1\nkind: DecisionSettings\ndecision:\n${body}`;

describe("decision settings (rules/decision.yaml)", () => {
  it("the built-in pack carries them, and the engine decides with them", async () => {
    const pack = await builtinPack();
    expect(pack.decision).toMatchObject({ minEvidence: 2, lead: 0.3, boundaryLead: 0.55, fullSupport: 10, postureFactor: 0.5, causeFactor: 2 });
    expect(pack.decision.standingConditions).toContain("long-lived-secret");
  });

  it("a later pack replaces the fields it gives and adds standing conditions", async () => {
    const dir = tempDir("pack-");
    writeFileSync(join(dir, "decision.yaml"), decisionFile("  minEvidence: 6\n  confidence: { nothingFound: 0.8 }\n  standingConditions: [unclear-ownership]\n"));
    const pack = await loadRulePack([RULES_DIR, dir]);
    expect(pack.decision.minEvidence).toBe(6);
    expect(pack.decision.lead).toBe(0.3);
    expect(pack.decision.confidence).toMatchObject({ nothingFound: 0.8, someFound: 0.6 });
    expect(pack.decision.standingConditions).toEqual(expect.arrayContaining(["long-lived-secret", "unclear-ownership"]));
    const incident: Incident = { apiVersion: "nhi-triage/v1", kind: "Incident", id: "T", symptoms: ["repeated-retries", "privileged-step-replayed"] };
    expect(triage(incident, await builtinPack(), undefined, { now: NOW }).decision.decision).toBe("orchestration-first");
    expect(triage(incident, pack, undefined, { now: NOW }).decision).toMatchObject({ decision: "insufficient-evidence", why: [{ reason: "too-little-weight", weight: 5, needed: 6 }] });
  });

  it("bad values are reported at file:line with what was expected", async () => {
    expect(await extraPackProblems({ "decision.yaml": decisionFile("  lead: 1.5\n") })).toEqual([expect.stringMatching(/^4 .*lead.*(less than|<).*1/i)]);
    expect(await extraPackProblems({ "decision.yaml": decisionFile("  lead: 0.7\n") })).toEqual(["4 lead 0.7 is above boundaryLead 0.55: a blurred boundary must need at least as clear a lead as any call"]);
    expect(await extraPackProblems({ "decision.yaml": decisionFile("  confidence:\n    decided: { base: 0.7, span: 0.4 }\n") })).toEqual(["5 confidence.decided: base 0.7 + span 0.4 is above 1"]);
    expect(await extraPackProblems({ "decision.yaml": decisionFile("  standingConditions: [long-lived-secrets]\n") })).toEqual(['4 unknown symptom "long-lived-secrets"; did you mean "long-lived-secret"?']);
    expect(await extraPackProblems({ "decision.yaml": decisionFile("  minimumEvidence: 3\n") })).toEqual([expect.stringMatching(/^4 .*minimumEvidence/)]);
  });

  it("a bad causeFactor is reported at its line", async () => {
    expect(await extraPackProblems({ "decision.yaml": decisionFile("  lead: 0.3\n  causeFactor: 0.5\n") })).toEqual([
      expect.stringMatching(/^5 .*causeFactor is a bonus: at least 1, or a sentence stating the cause would weigh less than one describing an effect/),
    ]);
    expect(await extraPackProblems({ "decision.yaml": decisionFile("  causeFactor: 9\n") })).toEqual([expect.stringMatching(/^4 .*causeFactor.*(<=|at most|less than).*4/i)]);
    expect(await extraPackProblems({ "decision.yaml": decisionFile("  causeFactor: double\n") })).toEqual([expect.stringMatching(/^4 .*causeFactor.*number/i)]);
  });

  it("a later pack's causeFactor is the one the decision weighs a cause sentence with", async () => {
    const dir = tempDir("pack-");
    writeFileSync(join(dir, "decision.yaml"), decisionFile("  causeFactor: 1\n"));
    const flat = await loadRulePack([RULES_DIR, dir]);
    const incident: Incident = { apiVersion: "nhi-triage/v1", kind: "Incident", id: "T", description: "The root cause was that the old credential was deleted before every consumer had switched. Then an API key leaked in a public repository." };
    expect(triage(incident, await builtinPack(), undefined, { now: NOW }).decision.decision).toBe("orchestration-first");
    expect(triage(incident, flat, undefined, { now: NOW }).decision.decision).toBe("both");
  });

  it("the first pack must give every field", async () => {
    const dir = tempDir("pack-");
    mkdirSync(join(dir, "p"));
    for (const f of ["symptoms.yaml", "controls.yaml", "questions.yaml", "domain.yaml", "changes.yaml"]) writeFileSync(join(dir, "p", f), readFileSync(join(RULES_DIR, f)));
    writeFileSync(join(dir, "p", "decision.yaml"), decisionFile("  minEvidence: 2\n"));
    await expect(loadRulePack([join(dir, "p")])).rejects.toMatchObject({
      diagnostics: expect.arrayContaining([
        expect.objectContaining({ message: "decision settings lack lead: no pack sets it (the built-in rules/decision.yaml does)", line: 4 }),
        expect.objectContaining({ message: "decision settings lack causeFactor: no pack sets it (the built-in rules/decision.yaml does)", line: 4 }),
      ]),
    });
  });

  // Decisions are advice; the gate passes or fails on findings and severities alone, so no
  // pack can pass a gate by changing how scores become a decision.
  it("never change what the gate finds or whether it passes", async () => {
    const builtin = await builtinPack();
    const extreme = { ...builtin, decision: { ...builtin.decision, minEvidence: 100, postureFactor: 0, standingConditions: [...builtin.symptoms.keys()] } };
    const file = `${ROOT}fixtures/inventory.yaml`;
    const head = loadInventory(file, readFileSync(file, "utf8"));
    const gate = (pack: typeof builtin) => runGate({ pack, head, base: { kind: "none" }, waivers: [], now: NOW, failOn: "high", strict: false });
    const a = gate(builtin);
    expect(a.passed).toBe(false);
    expect(gate(extreme)).toEqual(a);
  });
});
