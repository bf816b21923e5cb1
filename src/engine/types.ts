import type { Severity } from "../load/schema/common.js";
import type { Defect, Layer } from "../load/schema/rules.js";
import type { SymptomFact } from "./symptomFact.js";

/**
 * `observed`: the rule tests what the incident shows (a symptom), so it speaks to this
 * failure. `posture`: it tests inventory facts alone, a weakness that makes the failure
 * possible but does not show it happened; it counts half toward the decision.
 */
export type Basis = "observed" | "posture";

export interface Finding {
  rule: string;
  basis: Basis;
  title: string;
  defect: Defect;
  severity: Severity;
  weight: number;
  subject: string;
  evidence: string[];
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

export type Decision =
  | { decision: "orchestration-first" | "identity-first"; confidence: number; lead: Exclude<Layer, "containment"> }
  | { decision: "both"; confidence: number; reason: "balanced" | "boundary" }
  | { decision: "insufficient-evidence"; confidence: number };

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
