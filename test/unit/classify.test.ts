import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classify, type Evidence } from "../../src/engine/classify.js";
import type { Decision, Scores } from "../../src/engine/types.js";
import { builtinPack } from "../helpers.js";

const { decision: settings } = await builtinPack();
const scores = (coordination = 0, attribution = 0, boundary = 0): Scores => ({ coordination, attribution, boundary });
const none = scores();
/** Evidence the incident shows, with optional posture (inventory) and standing-condition evidence beside it. */
const ev = (observed: Scores, posture: Scores = none, condition: Scores = none): Evidence => ({ observed, posture, condition });
const decide = (c: number, a: number, b = 0) => classify(ev(scores(c, a, b)), settings);

describe("classify", () => {
  it("too little evidence is insufficient-evidence", () => {
    expect(decide(0, 0).decision).toBe("insufficient-evidence");
    expect(decide(1, 0).decision).toBe("insufficient-evidence");
  });
  it("a clear lead puts that layer first", () => {
    expect(decide(7, 2)).toMatchObject({ decision: "orchestration-first", lead: "orchestration" });
    expect(decide(1, 6)).toMatchObject({ decision: "identity-first", lead: "identity" });
  });
  it("a close call is both", () => {
    expect(decide(5, 4)).toMatchObject({ decision: "both", reason: "balanced" });
  });
  it("a blurred boundary without a strong lead is both", () => {
    expect(decide(2, 2, 3)).toMatchObject({ decision: "both", reason: "boundary" });
    expect(decide(0, 0, 3)).toMatchObject({ decision: "both", reason: "boundary" });
    expect(decide(0, 8, 3).decision).toBe("identity-first");
  });
  it("confidence grows with lead and evidence, and stays in (0, 1)", () => {
    const weak = decide(3, 1).confidence;
    const strong = decide(12, 1).confidence;
    expect(strong).toBeGreaterThan(weak);
    expect(strong).toBeLessThan(1);
    expect(weak).toBeGreaterThan(0.5);
  });
});

describe("observed evidence leads", () => {
  it("posture on the weaker side does not turn a clearly observed call into both", () => {
    // The interview case: a deploy fired twice and re-applied a migration (observed), and the
    // token is static, which the ticket states and the inventory would record.
    const observed = scores(5, 0, 3);
    expect(classify(ev(observed), settings)).toMatchObject({ decision: "orchestration-first", on: "observed" });
    const withPosture = classify(ev(observed, scores(0, 8), scores(0, 2)), settings);
    expect(withPosture).toMatchObject({ decision: "orchestration-first", on: "observed" });
    // ...but it does make the call less sure.
    expect(withPosture.confidence).toBeLessThan(classify(ev(observed), settings).confidence);
  });
  it("posture breaks a tie in what was observed, and decides when too little was observed", () => {
    expect(classify(ev(scores(4, 4), scores(0, 10)), settings)).toMatchObject({ decision: "identity-first", on: "all" });
    expect(classify(ev(scores(1, 0), scores(6, 0)), settings)).toMatchObject({ decision: "orchestration-first", on: "all" });
    expect(classify(ev(none, none, scores(0, 2)), settings)).toMatchObject({ decision: "identity-first", on: "all" });
  });
});

describe("insufficient-evidence says why and which way it leans", () => {
  it("nothing found", () => {
    expect(classify(ev(none), settings)).toEqual({ decision: "insufficient-evidence", confidence: 0.9, leans: "none", why: [{ reason: "nothing-found" }] });
    expect(classify(ev(none), settings, 4)).toMatchObject({ why: [{ reason: "unknown-facts", findings: 4 }] });
  });
  it("too little weight, leaning to the side that has it", () => {
    expect(classify(ev(scores(1.5, 0.5)), settings)).toEqual({
      decision: "insufficient-evidence",
      confidence: 0.6,
      leans: "orchestration",
      why: [{ reason: "too-little-weight", weight: 1.5, needed: 2 }],
    });
  });
  it("only posture, evenly split", () => {
    expect(classify(ev(none, scores(2, 2)), settings)).toMatchObject({
      leans: "none",
      why: [{ reason: "too-little-weight", weight: 1, needed: 2 }, { reason: "posture-only" }, { reason: "evenly-split" }],
    });
  });
});

/** The decision's place on the line from identity to orchestration; undefined when none was made. */
function rank(d: Pick<Decision, "decision">): number | undefined {
  return { "identity-first": 0, both: 1, "orchestration-first": 2, "insufficient-evidence": undefined }[d.decision];
}

// Sparse and small as often as large: the edges of "too little to decide" are where it can break.
const weight = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 }).map((n) => n / 4), fc.integer({ min: 0, max: 40 }).map((n) => n / 4));
const arbScores = fc.record({ coordination: weight, attribution: weight, boundary: weight });
const arbEvidence = fc.record({ observed: arbScores, posture: arbScores, condition: arbScores });
const basis = fc.constantFrom("observed" as const, "posture" as const, "condition" as const);
const more = fc.oneof(fc.integer({ min: 1, max: 8 }).map((n) => n / 4), fc.integer({ min: 1, max: 40 }).map((n) => n / 4));

function adding(e: Evidence, b: keyof Evidence, defect: "coordination" | "attribution", w: number): Evidence {
  return { ...e, [b]: { ...e[b], [defect]: e[b][defect] + w } };
}

describe("monotonicity (fast-check)", () => {
  // "Away" from orchestration means a lower rank on identity-first < both < orchestration-first;
  // more orchestration evidence never lowers it, more identity evidence never raises it. A
  // decision once made is never lost to more evidence, and when more evidence first makes
  // one, it never puts the other side first.
  it.each([
    ["coordination", 1],
    ["attribution", -1],
  ] as const)("more %s evidence, of any basis, never moves the decision away from its side", (defect, direction) => {
    fc.assert(
      fc.property(arbEvidence, basis, more, (e, b, w) => {
        const before = classify(e, settings);
        const after = classify(adding(e, b, defect, w), settings);
        const r0 = rank(before);
        const r1 = rank(after);
        if (r0 !== undefined) {
          expect(r1).toBeDefined();
          expect(direction * (r1! - r0)).toBeGreaterThanOrEqual(0);
        } else if (r1 !== undefined) {
          expect(direction * (r1 - 1)).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
