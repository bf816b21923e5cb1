import { severityRank } from "../load/schema/common.js";
import type { Condition, Rule } from "../load/schema/rules.js";
import { evaluateCondition } from "./evaluateCondition.js";
import type { EvalContext, Subject } from "./subject.js";
import type { SymptomFact } from "./symptomFact.js";
import type { Finding } from "./types.js";
import { compareStrings } from "./compare.js";

/** Whether a condition looks at the incident's symptoms at all (outside a negation). */
export function testsSymptoms(c: Condition): boolean {
  if ("all" in c) return c.all.some(testsSymptoms);
  if ("any" in c) return c.any.some(testsSymptoms);
  if ("not" in c) return false;
  if ("symptom" in c) return true;
  return c.fact.startsWith("incident.");
}

const unique = (xs: string[]): string[] => (xs.length < 2 ? xs : [...new Set(xs)]);

export function evaluateRules(
  rules: readonly Rule[],
  subjects: readonly Subject[],
  symptoms: ReadonlyMap<string, SymptomFact>,
  ctx: EvalContext,
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const basis = testsSymptoms(rule.when) ? "observed" : "posture";
    for (const subject of subjects) {
      if (subject.kind !== rule.subject) continue;
      const r = evaluateCondition(rule.when, { subject, ctx, symptoms });
      if (!r.holds) continue;
      findings.push({
        rule: rule.id,
        basis,
        title: rule.title,
        defect: rule.defect,
        severity: rule.severity,
        weight: rule.weight,
        subject: subject.ref,
        evidence: unique(r.evidence),
        facts: unique(r.facts),
        // Shared with the rule, never mutated: a 100k inventory yields ~250k findings.
        refs: rule.refs,
        controls: rule.controls,
      });
    }
  }
  return findings.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      b.weight - a.weight ||
      compareStrings(a.rule, b.rule) ||
      compareStrings(a.subject, b.subject),
  );
}
