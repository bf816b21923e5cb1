import { DECISIONS, type DecisionKind, type PlanStep } from "../engine/types.js";
import type { Expectation } from "./readExpectation.js";

/** One corpus file as the tool answered it. */
export interface CaseResult {
  expected: Expectation;
  got: DecisionKind;
  contained: boolean;
  /** The layer of the first plan step that is not containment; undefined when there is none. */
  opensOn: PlanStep["layer"] | undefined;
}

export interface Ratio {
  hits: number;
  of: number;
}

export type Confusion = Record<DecisionKind, Record<DecisionKind, number>>;

export interface CorpusScore {
  cases: number;
  decision: Ratio;
  /** Among the cases whose author says contain first. */
  containment: Ratio;
  /** Cases given containment their author did not ask for: reported, not counted wrong. */
  extraContainment: number;
  /** Among the cases with a decided answer (insufficient-evidence has no layer to open on). */
  planOpens: Ratio;
  /** Decision, containment where live, and plan opening, all three. */
  right: Ratio;
  /** Rows: the expected answer; columns: the tool's. */
  confusion: Confusion;
}

/** Whether the plan opens on the layer the expected answer leads with; undefined when that does not apply. */
export function opensOnDecidedLayer(expected: DecisionKind, opensOn: CaseResult["opensOn"]): boolean | undefined {
  if (expected === "orchestration-first") return opensOn === "orchestration";
  if (expected === "identity-first") return opensOn === "identity";
  if (expected === "both") return opensOn !== undefined;
  return undefined;
}

export function emptyConfusion(): Confusion {
  const row = () => Object.fromEntries(DECISIONS.map((d) => [d, 0])) as Record<DecisionKind, number>;
  return Object.fromEntries(DECISIONS.map((d) => [d, row()])) as Confusion;
}

export function scoreCorpus(results: readonly CaseResult[]): CorpusScore {
  const s: CorpusScore = {
    cases: results.length,
    decision: { hits: 0, of: 0 },
    containment: { hits: 0, of: 0 },
    extraContainment: 0,
    planOpens: { hits: 0, of: 0 },
    right: { hits: 0, of: 0 },
    confusion: emptyConfusion(),
  };
  for (const r of results) {
    const decided = r.got === r.expected.decision;
    tally(s.decision, decided);
    if (r.expected.contain) tally(s.containment, r.contained);
    else if (r.contained) s.extraContainment++;
    const opens = opensOnDecidedLayer(r.expected.decision, r.opensOn);
    if (opens !== undefined) tally(s.planOpens, opens);
    tally(s.right, decided && (!r.expected.contain || r.contained) && opens !== false);
    s.confusion[r.expected.decision][r.got]++;
  }
  return s;
}

function tally(r: Ratio, hit: boolean): void {
  r.of++;
  if (hit) r.hits++;
}
