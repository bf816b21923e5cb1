import { severityRank, type Severity } from "../load/schema/common.js";
import type { DecisionSettings } from "../load/schema/decision.js";
import type { Condition, Rule } from "../load/schema/rules.js";
import { conditionHolds } from "./conditionHolds.js";
import { conditionStrength } from "./conditionStrength.js";
import { evaluateCondition } from "./evaluateCondition.js";
import { evidenceText, type Evidence } from "./evidence.js";
import type { EvalContext, Subject } from "./subject.js";
import type { SymptomFact } from "./symptomFact.js";
import { symptomStrength } from "./symptomStrength.js";
import type { Basis, Finding } from "./types.js";
import { compareStrings } from "./compare.js";
import { UNKNOWN } from "./truth.js";
import { unknownWording } from "./unknownWording.js";

/** Whether a condition tests, outside a negation, a symptom or incident fact that `counts`. */
function tests(c: Condition, counts: (symptom: string | undefined) => boolean): boolean {
  if ("all" in c) return c.all.some((x) => tests(x, counts));
  if ("any" in c) return c.any.some((x) => tests(x, counts));
  if ("not" in c) return false;
  if ("symptom" in c) return counts(c.symptom);
  return c.fact.startsWith("incident.") && counts(undefined);
}

/** Whether a condition looks at the incident's symptoms at all (outside a negation). */
export function testsSymptoms(c: Condition): boolean {
  return tests(c, () => true);
}

/**
 * What a rule's firing shows: `observed` when it tests what the incident did (a symptom
 * other than a standing condition, or an incident fact); `condition` when it tests only
 * symptoms that state a standing condition (how a credential is kept), posture told in
 * the ticket's words; `posture` when it reads the inventory alone.
 */
export function ruleBasis(c: Condition, standing: readonly string[]): Basis {
  if (tests(c, (s) => s === undefined || !standing.includes(s))) return "observed";
  return testsSymptoms(c) ? "condition" : "posture";
}

/**
 * Without repeats, in first-seen order, two counting as the same when their `key` is (two
 * evidence leaves that read the same fact or symptom say it once); the lists are a few
 * lines long, so no Set is built.
 */
function unique<T>(xs: T[], key?: (x: T) => string): T[] {
  const keys: unknown[] = key && xs.length > 1 ? xs.map(key) : xs;
  for (let i = 1; i < keys.length; i++) {
    if (keys.indexOf(keys[i]) < i) return xs.filter((_, j) => keys.indexOf(keys[j]) === j);
  }
  return xs;
}

/** One rule that holds on one subject (or is unknown there), with what made it so. */
export interface Holding {
  rule: Rule;
  basis: Finding["basis"];
  subject: Subject;
  /** The rule's title and severity, or its `whenUnknown` wording when the finding is unknown. */
  title: string;
  severity: Severity;
  evidence: Evidence[];
  facts: string[];
  /** Set only on an unknown finding: the facts its condition needed that the inventory does not record. */
  unknown?: string[];
}

/**
 * Calls `emit` for every rule that holds on every subject it applies to, and for every rule
 * whose condition is unknown there unless the rule says why unknown is safe for it
 * (`unknownSafe`). The cheap test comes first: evidence is built only for those pairs, and
 * the caller builds its own finding from it, so a large inventory makes one object per
 * finding, not two.
 */
export function forEachHolding(
  rules: readonly Rule[],
  subjects: readonly Subject[],
  symptoms: ReadonlyMap<string, SymptomFact>,
  ctx: EvalContext,
  emit: (h: Holding) => void,
  standing: readonly string[] = [],
): void {
  const bySubjectKind = new Map<string, Array<{ rule: Rule; basis: Finding["basis"] }>>();
  for (const rule of rules) {
    const list = bySubjectKind.get(rule.subject) ?? [];
    list.push({ rule, basis: ruleBasis(rule.when, standing) });
    bySubjectKind.set(rule.subject, list);
  }
  for (const subject of subjects) {
    const input = { subject, ctx, symptoms };
    for (const { rule, basis } of bySubjectKind.get(subject.kind) ?? []) {
      const truth = conditionHolds(rule.when, input);
      if (truth === false || (truth === UNKNOWN && rule.unknownSafe !== undefined)) continue;
      const r = evaluateCondition(rule.when, input);
      const evidence = unique(r.evidence, evidenceText);
      const facts = unique(r.facts);
      if (truth === true) emit({ rule, basis, subject, title: rule.title, severity: rule.severity, evidence, facts });
      else emit({ rule, basis, subject, ...unknownWording(rule), evidence, facts, unknown: unique(r.unknown) });
    }
  }
}

/**
 * Every rule that holds (or is unknown) on every subject, as findings, each with the
 * strength of the symptoms behind it as the decision settings weigh them.
 */
export function evaluateRules(
  rules: readonly Rule[],
  subjects: readonly Subject[],
  symptoms: ReadonlyMap<string, SymptomFact>,
  ctx: EvalContext,
  settings: Pick<DecisionSettings, "standingConditions" | "causeFactor">,
): Finding[] {
  const findings: Finding[] = [];
  const strengthOf = (s: SymptomFact) => symptomStrength(s, settings);
  forEachHolding(rules, subjects, symptoms, ctx, ({ rule, basis, subject, title, severity, evidence, facts, unknown }) =>
    findings.push({
      rule: rule.id,
      basis,
      title,
      defect: rule.defect,
      severity,
      weight: rule.weight,
      // Only a rule that tests symptoms can be weakened or strengthened by them.
      strength: symptoms.size && basis !== "posture" ? (conditionStrength(rule.when, { subject, ctx, symptoms }, strengthOf) ?? 1) : 1,
      subject: subject.ref,
      evidence,
      facts,
      ...(unknown ? { unknown } : {}),
      // Shared with the rule, never mutated: a 100k inventory yields ~250k findings.
      refs: rule.refs,
      controls: rule.controls,
    }),
    settings.standingConditions,
  );
  return findings.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      b.weight - a.weight ||
      compareStrings(a.rule, b.rule) ||
      compareStrings(a.subject, b.subject),
  );
}
