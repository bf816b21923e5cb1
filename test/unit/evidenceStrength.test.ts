import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conditionStrength } from "../../src/engine/conditionStrength.js";
import { compileDetectors, detectSymptoms } from "../../src/engine/detectSymptoms.js";
import { incidentSubject } from "../../src/engine/subject.js";
import type { SymptomFact } from "../../src/engine/symptomFact.js";
import { triage } from "../../src/engine/triage.js";
import type { Incident } from "../../src/load/schema/incident.js";
import type { Condition } from "../../src/load/schema/rules.js";
import { builtinConcepts, builtinContext, builtinPack, builtinSymptoms, NOW } from "../helpers.js";

const pack = await builtinPack();
const run = (description?: string, symptoms?: string[]) => {
  const incident: Incident = { apiVersion: "nhi-triage/v1", kind: "Incident", id: "T", ...(description ? { description } : {}), ...(symptoms ? { symptoms } : {}) };
  return triage(incident, pack, undefined, { now: NOW });
};

// Two findings of equal rule weight (3) on opposite sides, each read by a phrase.
const rotation = "the old credential was deleted before every consumer had switched";
const leak = "an API key leaked in a public repository";

describe("a sentence that states the cause weighs more than one that describes an effect", () => {
  it("alone, the two sides weigh the same and the call is both", () => {
    const t = run(`First ${rotation}. Then ${leak}.`);
    expect(t.scores.coordination).toBe(t.scores.attribution);
    expect(t.decision.decision).toBe("both");
  });
  it.each([
    [`The root cause was that ${rotation}. Then ${leak}.`, "orchestration-first", "uncoordinated-rotation"],
    [`First ${rotation}. The root cause was ${leak}.`, "identity-first", "leaked-secret"],
  ])("the cause decides against an equal effect: %s", (description, decision, cause) => {
    const t = run(description);
    expect(t.symptoms.find((s) => s.code === cause)).toMatchObject({ cause: true });
    expect(t.findings.filter((f) => f.strength === pack.decision.causeFactor)).toHaveLength(1);
    expect(t.decision.decision).toBe(decision);
  });
});

describe("a frame's weight ranks matches, it does not scale what its finding counts", () => {
  const description = "The wildcard certificate opened every internal service.";
  it("a frame of weight below 1 counts as much as the same symptom declared: its weight ranks matches, it does not scale the finding", () => {
    const read = run(description);
    const fact = read.symptoms.find((s) => s.code === "token-overreach");
    expect(fact).toMatchObject({ source: "description", frame: expect.any(String) });
    expect(fact!.source === "description" ? fact!.weight! : 1).toBeLessThan(1);
    const declared = run(undefined, ["token-overreach"]);
    const rule = declared.findings.find((f) => f.defect === "attribution")!;
    expect(read.findings.find((f) => f.rule === rule.rule)).toMatchObject({ strength: 1 });
    expect(read.scores.attribution).toBe(declared.scores.attribution);
  });
});

describe("a symptom's evidence is its strongest match", () => {
  // A frame of two concepts is more specific than a one-word phrase, but weighs less.
  const detectors = compileDetectors(
    [{ code: "x", leaning: "attribution", meaning: "m", phrases: ["intruder"], frames: [{ id: "weak", concepts: ["actor", "entry"], relation: "clause", weight: 0.5 }] }],
    { triggers: [], terminators: [] },
    [
      { id: "actor", meaning: "m", words: ["intruder"] },
      { id: "entry", meaning: "m", words: ["sign in"] },
    ],
  );
  it("a phrase in full outweighs a frame of weight 0.5 in the same sentence", () => {
    expect(detectSymptoms("An intruder signed in to the console.", detectors)).toEqual([expect.not.objectContaining({ frame: expect.anything() })]);
  });
  it("the frame is the evidence where the phrase does not match", () => {
    const none = compileDetectors([{ code: "x", leaning: "attribution", meaning: "m", phrases: ["outsider"], frames: [{ id: "weak", concepts: ["actor", "entry"], relation: "clause", weight: 0.5 }] }], { triggers: [], terminators: [] }, [
      { id: "actor", meaning: "m", words: ["intruder"] },
      { id: "entry", meaning: "m", words: ["sign in"] },
    ]);
    expect(detectSymptoms("An intruder signed in to the console.", none)).toEqual([expect.objectContaining({ frame: "weak", weight: 0.5 })]);
  });
});

describe("conditionStrength", () => {
  const subject = incidentSubject("T");
  const ctx = { active: false, now: NOW, privileges: pack.privileges };
  const facts = (strengths: Record<string, number>) => new Map(Object.entries(strengths).map(([code, w]): [string, SymptomFact] => [code, { code, source: "description", phrase: code, weight: w }]));
  const of = (s: SymptomFact) => (s.source === "description" ? s.weight! : 1);
  const strength = (c: Condition, s: Record<string, number>) => conditionStrength(c, { subject, ctx, symptoms: facts(s) }, of);
  const active = { fact: "incident.active", equals: false } as const;

  it("all is its weakest symptom, any its strongest that holds, facts and negations neither", () => {
    expect(strength({ all: [{ symptom: "a" }, { symptom: "b" }] }, { a: 0.6, b: 0.8 })).toBe(0.6);
    expect(strength({ any: [{ symptom: "a" }, { symptom: "b" }, { symptom: "c" }] }, { a: 0.6, b: 0.8 })).toBe(0.8);
    expect(strength({ all: [{ symptom: "a" }, active, { not: { symptom: "c" } }] }, { a: 1.6 })).toBe(1.6);
    expect(strength({ any: [{ symptom: "a" }, active] }, { a: 0.6 })).toBe(1);
    expect(strength(active, {})).toBeUndefined();
  });
  it("a stronger symptom never makes a condition weaker (fast-check)", () => {
    const cond: Condition = { all: [{ any: [{ symptom: "a" }, { symptom: "b" }] }, { symptom: "c" }] };
    const w = fc.double({ min: 0.05, max: 2, noNaN: true });
    fc.assert(
      fc.property(w, w, w, fc.constantFrom("a", "b", "c"), w, (a, b, c, code, more) => {
        const base = { a, b, c };
        expect(strength(cond, { ...base, [code]: base[code as "a"] + more })!).toBeGreaterThanOrEqual(strength(cond, base)!);
      }),
    );
  });
});

describe("which sentences state the cause (rules/context.yaml, category cause)", () => {
  const detectors = compileDetectors(builtinSymptoms(), builtinContext(), builtinConcepts());
  const causeOf = (text: string, code: string) => detectSymptoms(text, detectors).find((f) => f.code === code);

  it("a sentence that names the incident's cause is one", () => {
    expect(causeOf("The root cause was that the job retried twice.", "repeated-retries")).toMatchObject({ cause: true });
  });

  it("'because' and 'due to' explain whatever their clause says (a slow recovery), not the incident: no cause", () => {
    const fact = causeOf("Recovery was slow due to the job retrying several times.", "repeated-retries");
    expect(fact).toBeDefined();
    expect(fact).not.toHaveProperty("cause");
    expect(causeOf("Diagnosis took longer because the job kept retrying.", "repeated-retries")).not.toHaveProperty("cause");
  });
});
