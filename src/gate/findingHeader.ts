import type { Defect } from "../load/schema/rules.js";
import type { Severity } from "../load/schema/common.js";
import { fingerprint } from "./fingerprint.js";

/** What every gate finding says of its rule and subject, posture or change. */
export function findingHeader(rule: { id: string; title: string; defect: Defect; severity: Severity }, subject: string) {
  return { fingerprint: fingerprint(rule.id, subject), rule: rule.id, title: rule.title, defect: rule.defect, severity: rule.severity, subject };
}
