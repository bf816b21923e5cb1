import type { Severity } from "../load/schema/common.js";
import type { Defect, Layer } from "../load/schema/rules.js";
import type { Evidence } from "./evidence.js";
import type { SymptomFact } from "./symptomFact.js";

/**
 * `observed`: the rule tests what the incident shows (a symptom), so it speaks to this
 * failure. `condition`: it tests only symptoms that state a standing condition (how a
 * credential is kept), a weakness the ticket names; it counts in full but, like posture,
 * cannot outvote what was observed. `posture`: it tests inventory facts alone, a weakness
 * that makes the failure possible but does not show it happened; it counts at the
 * decision settings' postureFactor.
 */
export const BASES = ["observed", "condition", "posture"] as const;
export type Basis = (typeof BASES)[number];

export interface Finding {
  rule: string;
  basis: Basis;
  title: string;
  defect: Defect;
  severity: Severity;
  weight: number;
  /**
   * How strongly the evidence behind it shows it, a multiple of `weight` (see
   * symptomStrength): 1, or `causeFactor` for a symptom read in a sentence that states
   * the cause.
   */
  strength: number;
  subject: string;
  /** Why the rule holds, as structured data (evidence.ts); formatters render it. */
  evidence: Evidence[];
  /** Fact names that made the rule hold, so a finding can point at where they are written. */
  facts: string[];
  /**
   * Set only on an unknown finding: the facts its condition needed that the inventory does
   * not record. Such a finding is shown, and counts for --fail-on, but it is no evidence:
   * it scores nothing and calls for no plan step.
   */
  unknown?: string[];
  refs: string[];
  controls: string[];
}

export const DECISIONS = ["orchestration-first", "identity-first", "both", "insufficient-evidence"] as const;
export type DecisionKind = (typeof DECISIONS)[number];

export interface Scores {
  coordination: number;
  attribution: number;
  boundary: number;
}

/** `observed`: decided on what the incident shows alone; `all`: posture evidence took part. */
export type DecidedOn = "observed" | "all";

/** A layer chosen, or both together. */
export type DecidedCall =
  | { decision: "orchestration-first" | "identity-first"; confidence: number; lead: Exclude<Layer, "containment">; on: DecidedOn }
  | { decision: "both"; confidence: number; reason: "balanced" | "boundary"; on: DecidedOn };

/** Why no layer could be chosen; one incident may have several. */
export type Insufficiency =
  | { reason: "nothing-found" }
  /** Every finding needs a fact the inventory does not record, so none is evidence. */
  | { reason: "unknown-facts"; findings: number }
  /** The leading side (a boundary finding counting in full) weighs less than minEvidence. */
  | { reason: "too-little-weight"; weight: number; needed: number }
  /** What there is describes weaknesses (inventory posture, standing conditions), not what happened. */
  | { reason: "posture-only" }
  | { reason: "evenly-split" };

export const LEANS = ["orchestration", "identity", "none"] as const;
export type Lean = (typeof LEANS)[number];

export interface Undecided {
  decision: "insufficient-evidence";
  confidence: number;
  /** Which side the thin evidence favours, if either. */
  leans: Lean;
  why: Insufficiency[];
}

/** What classify decides from the scores alone. */
export type Call = DecidedCall | Undecided;

export type Decision =
  | DecidedCall
  /** `ask`: ids of the questions (rules/questions.yaml) whose answers would decide it, most telling first. */
  | (Undecided & { ask: string[] });

export interface RefGroups {
  owaspNhi: string[];
  nistCsf: string[];
  maestro: string[];
  other: string[];
}

export interface PlanStep {
  order: number;
  control: string;
  layer: Layer;
  title: string;
  what: string;
  /** Rule ids of the findings this step answers; empty for a prerequisite pulled in by another step. */
  because: string[];
  /** Controls in this plan that must be in place before this one. */
  after: string[];
  /** Subjects the findings name, so a responder knows what to act on. */
  subjects: string[];
  refs: RefGroups;
}

export interface Triage {
  incident: string;
  title?: string;
  file?: string;
  active: boolean;
  decision: Decision;
  scores: Scores;
  rationale: string;
  symptoms: SymptomFact[];
  findings: Finding[];
  contain: PlanStep[];
  plan: PlanStep[];
}
