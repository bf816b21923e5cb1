import type { Severity } from "../load/schema/common.js";
import type { Defect } from "../load/schema/rules.js";

export interface Location {
  file: string;
  line: number;
  column: number;
}

interface FindingBase {
  /** Stable across edits: a hash of the rule id and the subject, never of positions. */
  fingerprint: string;
  rule: string;
  title: string;
  defect: Defect;
  severity: Severity;
  subject: string;
  /** Set only on an unknown finding: the facts its rule needed that the inventory does not record. */
  unknown?: string[];
  evidence: string[];
  controls: string[];
  refs: string[];
  location: Location;
}

/**
 * `posture`: a weakness the inventory shows by itself. `change`: a difference from the
 * base inventory that adds risk, with the values before and after.
 */
export type GateFinding =
  | (FindingBase & { origin: "posture" })
  | (FindingBase & { origin: "change"; before: string; after: string });

export interface WaiverRef {
  rule: string;
  subject: string;
  reason: string;
  owner: string;
  expires: string;
  location: Location;
}

export type WaivedFinding = GateFinding & { status: "new" | "existing"; waiver: WaiverRef };

export interface ExpiredWaiver extends WaiverRef {
  /** Fingerprints of the findings it would have waived. */
  matches: string[];
}

/** A setting of the project config that changes what the gate does, in words, and where it is set. */
export interface ConfigChange {
  /** `failOn`: listed even with --quiet, since it moves the bar every finding is judged by. */
  kind: "failOn" | "rule";
  /** The rule a `rule` change is about. */
  rule?: string;
  message: string;
  /** Absent when no file of the checkout says it (the base commit's config, where the head's has no such line). */
  location?: Location;
}

/** `given` is the --base as typed; `label` names what was read (`origin/main:infra/nhi.yaml`). */
export type BaseState =
  | { kind: "none" }
  | { kind: "absent"; given: string; label: string }
  | { kind: "invalid"; given: string; label: string; problems: number }
  | { kind: "present"; given: string; label: string };

export interface GateResult {
  passed: boolean;
  failOn: Severity;
  strict: boolean;
  inventory: string;
  base: BaseState;
  /** The waivers file, when one was given. */
  waivers?: string;
  /** The reference date for ages and expiry, as `--now` takes it (YYYY-MM-DD, or a UTC date-time when not midnight), so a run can be reproduced. */
  now: string;
  /** Rules the project config turned off or re-graded, and a failOn it set. */
  configChanges: ConfigChange[];
  /** New findings at or above failOn, not waived: what fails the gate. */
  failing: GateFinding[];
  new: GateFinding[];
  existing: GateFinding[];
  resolved: GateFinding[];
  waived: WaivedFinding[];
  expiredWaivers: ExpiredWaiver[];
  staleWaivers: WaiverRef[];
}
