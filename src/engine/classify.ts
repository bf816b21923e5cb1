import type { Decision, Finding, Scores } from "./types.js";

/** Below this much weighted evidence the tool says so instead of guessing. */
export const MIN_EVIDENCE = 2;
/** How far one side must lead (0 = even, 1 = all) to put its layer first. */
export const LEAD_THRESHOLD = 0.3;
/** With a blurred-boundary finding, a lead below this means "assess both together". */
export const BOUNDARY_LEAD_THRESHOLD = 0.55;
/** Evidence weight at which the amount of evidence stops raising confidence. */
export const FULL_SUPPORT = 10;

/** A posture finding shows what made the failure possible, not that it happened. */
export const POSTURE_FACTOR = 0.5;

export function effectiveWeight(f: Finding): number {
  return f.basis === "posture" ? f.weight * POSTURE_FACTOR : f.weight;
}

/** Each rule counts once, however many subjects it fired on, so one wide rule cannot swamp the rest. */
export function scoreFindings(findings: readonly Finding[]): Scores {
  const seen = new Set<string>();
  const scores: Scores = { coordination: 0, attribution: 0, boundary: 0 };
  for (const f of findings) {
    if (seen.has(f.rule) || f.defect === "containment") continue;
    seen.add(f.rule);
    scores[f.defect] += effectiveWeight(f);
  }
  return scores;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Boundary evidence counts half toward each side. The side that leads clearly goes first;
 * a close call, or a blurred boundary without a clear lead, means both layers together.
 */
export function classify(scores: Scores): Decision {
  const c = scores.coordination + scores.boundary / 2;
  const a = scores.attribution + scores.boundary / 2;
  const total = c + a;
  if (total < MIN_EVIDENCE) {
    return { decision: "insufficient-evidence", confidence: round2(total === 0 ? 0.9 : 0.6) };
  }
  const lead = Math.abs(c - a) / total;
  const support = Math.min(1, total / FULL_SUPPORT);
  if (scores.boundary > 0 && lead < BOUNDARY_LEAD_THRESHOLD) {
    return { decision: "both", reason: "boundary", confidence: round2(0.55 + 0.35 * (1 - lead / BOUNDARY_LEAD_THRESHOLD) * (0.5 + 0.5 * support)) };
  }
  if (lead < LEAD_THRESHOLD) {
    return { decision: "both", reason: "balanced", confidence: round2(0.5 + 0.35 * (1 - lead / LEAD_THRESHOLD) * (0.5 + 0.5 * support)) };
  }
  const confidence = round2(0.55 + 0.4 * lead * (0.5 + 0.5 * support));
  return c > a
    ? { decision: "orchestration-first", lead: "orchestration", confidence }
    : { decision: "identity-first", lead: "identity", confidence };
}
