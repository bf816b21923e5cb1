import type { DecisionSettings } from "../load/schema/decision.js";
import type { Basis, Call, DecidedCall, DecidedOn, Finding, Insufficiency, Scores } from "./types.js";

/** Each rule counted once at its weight times its evidence's strength, by what its firing shows (see Basis). */
export type Evidence = Record<Basis, Scores>;

const zero = (): Scores => ({ coordination: 0, attribution: 0, boundary: 0 });

export function effectiveWeight(f: Finding, s: DecisionSettings): number {
  return f.weight * f.strength * (f.basis === "posture" ? s.postureFactor : 1);
}

/**
 * Each rule counts once, however many subjects it fired on, so one wide rule cannot swamp
 * the rest; it counts at its strongest firing, so a firing on one more subject never lowers it.
 */
export function scoreEvidence(findings: readonly Finding[]): Evidence {
  const strongest = new Map<string, { basis: Basis; defect: keyof Scores; weight: number }>();
  for (const f of findings) {
    if (f.defect === "containment") continue;
    const prev = strongest.get(f.rule);
    if (!prev || f.weight * f.strength > prev.weight) strongest.set(f.rule, { basis: f.basis, defect: f.defect, weight: f.weight * f.strength });
  }
  const e: Evidence = { observed: zero(), condition: zero(), posture: zero() };
  for (const f of strongest.values()) e[f.basis][f.defect] = tidy(e[f.basis][f.defect] + f.weight);
  return e;
}

/**
 * Weights times strengths are decimals that binary floating point cannot hold (0.7 × 3 is
 * 2.0999999999999996): sums are kept to a millionth, so a bar such as minEvidence is met
 * when the decimals meet it, and scores print as written.
 */
const tidy = (x: number) => Math.round(x * 1e6) / 1e6;

/** All the evidence on one scale: posture at its factor. */
export function combined(e: Evidence, s: DecisionSettings): Scores {
  const add = (k: keyof Scores) => tidy(e.observed[k] + e.condition[k] + e.posture[k] * s.postureFactor);
  return { coordination: add("coordination"), attribution: add("attribution"), boundary: add("boundary") };
}

export function scoreFindings(findings: readonly Finding[], s: DecisionSettings): Scores {
  return combined(scoreEvidence(findings), s);
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Boundary evidence counts half toward each side. */
export function sides(sc: Scores): { c: number; a: number } {
  return { c: sc.coordination + sc.boundary / 2, a: sc.attribution + sc.boundary / 2 };
}

/**
 * The weight that lets a layer be chosen: the leading side's, a boundary finding counting
 * in full (it is evidence for both layers). Measured on the leading side rather than the
 * total, so evidence for one side can never be what pushes the other side over the bar.
 */
function sufficiency(sc: Scores): number {
  return Math.max(sc.coordination, sc.attribution) + sc.boundary;
}

/**
 * The call on one set of scores, or undefined when it is too thin. The side that leads
 * clearly goes first; a close call, or a blurred boundary without a clear lead, is both.
 */
function call(sc: Scores, s: DecisionSettings, on: DecidedOn): DecidedCall | undefined {
  if (sufficiency(sc) < s.minEvidence) return undefined;
  const { c, a } = sides(sc);
  const lead = Math.abs(c - a) / (c + a);
  if (sc.boundary > 0 && lead < s.boundaryLead) return { decision: "both", reason: "boundary", confidence: band(s.confidence.boundary, 1 - lead / s.boundaryLead, sc, s), on };
  if (lead < s.lead) return { decision: "both", reason: "balanced", confidence: band(s.confidence.balanced, 1 - lead / s.lead, sc, s), on };
  const confidence = band(s.confidence.decided, lead, sc, s);
  return c > a ? { decision: "orchestration-first", lead: "orchestration", confidence, on } : { decision: "identity-first", lead: "identity", confidence, on };
}

/** A band's confidence for a call of this clarity (0 to 1) on this much evidence. */
function band(b: { base: number; span: number }, clarity: number, sc: Scores, s: DecisionSettings): number {
  const { c, a } = sides(sc);
  const support = s.confidence.supportFloor + (1 - s.confidence.supportFloor) * Math.min(1, (c + a) / s.fullSupport);
  return round2(b.base + b.span * clarity * support);
}

/**
 * A layer chosen on observed evidence is as sure as all the evidence allows: posture on the
 * other side cannot change the call, but it does make it less clear.
 */
function tempered(d: Extract<DecidedCall, { lead: string }>, all: Scores, s: DecisionSettings): DecidedCall {
  const { c, a } = sides(all);
  const toward = d.lead === "orchestration" ? c - a : a - c;
  return { ...d, confidence: band(s.confidence.decided, Math.max(0, toward / (c + a)), all, s) };
}

/**
 * Observed evidence leads: when what the incident shows is enough to put one layer first,
 * that is the decision, and posture (inventory weaknesses, standing conditions) cannot
 * turn it into `both`. Only when the observed evidence is too thin or evenly split does
 * posture join it, to break the tie or to decide when little is observed. Both steps are
 * monotone, so more evidence for a side never moves the decision away from that side.
 * `unknown` counts the findings left undecided by facts the inventory does not record.
 */
export function classify(e: Evidence, s: DecisionSettings, unknown = 0): Call {
  const observed = call(e.observed, s, "observed");
  const all = combined(e, s);
  if (observed && observed.decision !== "both") return tempered(observed, all, s);
  const overall = call(all, s, sufficiency(e.condition) + sufficiency(e.posture) === 0 ? "observed" : "all");
  if (overall) return overall;
  const { c, a } = sides(all);
  const total = c + a;
  const why: Insufficiency[] = [];
  if (total === 0) why.push(unknown ? { reason: "unknown-facts", findings: unknown } : { reason: "nothing-found" });
  else {
    why.push({ reason: "too-little-weight", weight: round2(sufficiency(all)), needed: s.minEvidence });
    if (sufficiency(e.observed) === 0) why.push({ reason: "posture-only" });
    if (c === a) why.push({ reason: "evenly-split" });
    if (unknown) why.push({ reason: "unknown-facts", findings: unknown });
  }
  return {
    decision: "insufficient-evidence",
    confidence: total === 0 ? s.confidence.nothingFound : s.confidence.someFound,
    leans: c > a ? "orchestration" : a > c ? "identity" : "none",
    why,
  };
}
