import type { Defect } from "../load/schema/rules.js";
import type { Severity } from "../load/schema/common.js";
import { fingerprint } from "./fingerprint.js";

type Wording = { title: string; severity: Severity };

/**
 * What every gate finding says of its rule and subject, posture or change. `shown` is the
 * rule's unknown wording when the finding is unknown; the fingerprint is rule and subject
 * alone, so an unknown finding that becomes known stays the same finding.
 */
export function findingHeader(rule: { id: string; defect: Defect } & Wording, subject: string, shown: Wording = rule) {
  return { fingerprint: fingerprint(rule.id, subject), rule: rule.id, title: shown.title, defect: rule.defect, severity: shown.severity, subject };
}
