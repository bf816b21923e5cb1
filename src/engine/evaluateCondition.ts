import type { Condition, FactTest } from "../load/schema/rules.js";
import { factDef, type FactValue } from "./factCatalog.js";
import type { EvalContext, Subject } from "./subject.js";
import { describeSymptom, type SymptomFact } from "./symptomFact.js";

export interface ConditionResult {
  holds: boolean;
  /** What made it hold, one line per leaf; empty when it does not hold. */
  evidence: string[];
  /** The facts that made it hold, so a finding can point at where they are written. */
  facts: string[];
}

export interface ConditionInput {
  subject: Subject;
  ctx: EvalContext;
  symptoms: ReadonlyMap<string, SymptomFact>;
}

const NO: ConditionResult = { holds: false, evidence: [], facts: [] };

export function evaluateCondition(c: Condition, input: ConditionInput): ConditionResult {
  if ("all" in c) {
    const evidence: string[] = [];
    const facts: string[] = [];
    for (const sub of c.all) {
      const r = evaluateCondition(sub, input);
      if (!r.holds) return NO;
      evidence.push(...r.evidence);
      facts.push(...r.facts);
    }
    return { holds: true, evidence, facts };
  }
  if ("any" in c) {
    const evidence: string[] = [];
    const facts: string[] = [];
    let holds = false;
    for (const sub of c.any) {
      const r = evaluateCondition(sub, input);
      if (r.holds) {
        holds = true;
        evidence.push(...r.evidence);
        facts.push(...r.facts);
      }
    }
    return holds ? { holds, evidence, facts } : NO;
  }
  if ("not" in c) {
    // A negation proves an absence; it adds no evidence line of its own.
    return evaluateCondition(c.not, input).holds ? NO : { holds: true, evidence: [], facts: [] };
  }
  if ("symptom" in c) {
    const s = input.symptoms.get(c.symptom);
    return s ? { holds: true, evidence: [describeSymptom(s)], facts: [] } : NO;
  }
  return evaluateFact(c, input);
}

function evaluateFact(t: FactTest, { subject, ctx }: ConditionInput): ConditionResult {
  const def = factDef(t.fact);
  // Unknown facts are rejected when the rule pack loads; this is only a guard.
  if (!def) return NO;
  const value = def.get(subject, ctx);
  if (!testValue(t, value)) return NO;
  const owner = def.entity === "identity" && subject.kind !== "identity" && subject.identity
    ? `identity ${subject.identity.id}`
    : def.entity === "workflow" && subject.kind === "step" && subject.workflow
      ? `workflow ${subject.workflow.id}`
      : def.entity === "incident" ? "incident" : subject.label;
  return { holds: true, evidence: [`${owner}: ${def.label}${typeof value === "boolean" ? `: ${value ? "yes" : "no"}` : ` ${showValue(value)}`}`], facts: [t.fact] };
}

export function showValue(v: FactValue): string {
  if (v === undefined) return "unknown";
  if (Array.isArray(v)) return v.length ? v.join(", ") : "none";
  return String(v);
}

export function testValue(t: FactTest, v: FactValue): boolean {
  if (t.present !== undefined && (v !== undefined) !== t.present) return false;
  // "Not proven equal": an unknown value is not treated as safe.
  if (t.notEquals !== undefined && v === t.notEquals) return false;
  if (t.equals !== undefined && v !== t.equals) return false;
  if (t.in !== undefined && (v === undefined || Array.isArray(v) || !t.in.includes(v as string | number | boolean))) return false;
  if (t.gt !== undefined && !(typeof v === "number" && v > t.gt)) return false;
  if (t.gte !== undefined && !(typeof v === "number" && v >= t.gte)) return false;
  if (t.lt !== undefined && !(typeof v === "number" && v < t.lt)) return false;
  if (t.lte !== undefined && !(typeof v === "number" && v <= t.lte)) return false;
  if (t.includes !== undefined && !(Array.isArray(v) && v.includes(t.includes))) return false;
  if (t.includesAny !== undefined && !(Array.isArray(v) && t.includesAny.some((x) => v.includes(x)))) return false;
  if (t.excludes !== undefined && Array.isArray(v) && v.includes(t.excludes)) return false;
  return true;
}
