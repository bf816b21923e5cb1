import { severityRank, type Severity } from "../load/schema/common.js";
import type { Rule } from "../load/schema/rules.js";

/**
 * How a rule's finding reads when its condition is unknown: the rule's own `whenUnknown`
 * words, never graver than the rule itself (a project config may have lowered the rule).
 */
export function unknownWording(rule: Pick<Rule, "title" | "severity" | "whenUnknown">): { title: string; severity: Severity } {
  const w = rule.whenUnknown;
  const severity = w?.severity !== undefined && severityRank(w.severity) < severityRank(rule.severity) ? w.severity : rule.severity;
  return { title: w?.title ?? rule.title, severity };
}
