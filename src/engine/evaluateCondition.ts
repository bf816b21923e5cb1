import type { Condition, FactTest } from "../load/schema/rules.js";
import { factDef, type FactDef, type FactValue } from "./factCatalog.js";
import type { EvalContext, Subject } from "./subject.js";
import { symptomEvidence, type Evidence } from "./evidence.js";
import type { SymptomFact } from "./symptomFact.js";
import { UNKNOWN, type Truth } from "./truth.js";

export interface ConditionResult {
  truth: Truth;
  /** What made it hold (or left it unknown), one per leaf; empty when it does not hold. */
  evidence: Evidence[];
  /** The facts that made it hold or left it unknown, so a finding can point at where they are written. */
  facts: string[];
  /** Of those, the facts the inventory does not record; empty unless the truth is unknown. */
  unknown: string[];
}

export interface ConditionInput {
  subject: Subject;
  ctx: EvalContext;
  symptoms: ReadonlyMap<string, SymptomFact>;
}

const NO: ConditionResult = { truth: false, evidence: [], facts: [], unknown: [] };

/**
 * Three-valued, as `conditionHolds` (which must agree): `all` is false when a part is false,
 * else unknown when a part is unknown; `any` is true when a part is true, else unknown when
 * a part is unknown; `not` leaves unknown unknown.
 */
export function evaluateCondition(c: Condition, input: ConditionInput): ConditionResult {
  if ("all" in c) {
    const out: ConditionResult = { truth: true, evidence: [], facts: [], unknown: [] };
    for (const sub of c.all) {
      const r = evaluateCondition(sub, input);
      if (r.truth === false) return NO;
      if (r.truth === UNKNOWN) out.truth = UNKNOWN;
      add(out, r);
    }
    return out;
  }
  if ("any" in c) {
    // What holds is the evidence; what is unknown only matters when nothing holds.
    const holds: ConditionResult = { truth: true, evidence: [], facts: [], unknown: [] };
    const open: ConditionResult = { truth: UNKNOWN, evidence: [], facts: [], unknown: [] };
    let any: Truth = false;
    for (const sub of c.any) {
      const r = evaluateCondition(sub, input);
      if (r.truth === true) {
        any = true;
        add(holds, r);
      } else if (r.truth === UNKNOWN) {
        if (any === false) any = UNKNOWN;
        add(open, r);
      }
    }
    return any === true ? holds : any === UNKNOWN ? open : NO;
  }
  if ("not" in c) {
    const r = evaluateCondition(c.not, input);
    // A negation proves an absence; it adds no evidence line of its own.
    if (r.truth === UNKNOWN) return r;
    return r.truth ? NO : { truth: true, evidence: [], facts: [], unknown: [] };
  }
  if ("symptom" in c) {
    const s = input.symptoms.get(c.symptom);
    return s ? { truth: true, evidence: [symptomEvidence(s)], facts: [], unknown: [] } : NO;
  }
  return evaluateFact(c, input);
}

function add(into: ConditionResult, r: ConditionResult): void {
  into.evidence.push(...r.evidence);
  into.facts.push(...r.facts);
  into.unknown.push(...r.unknown);
}

function evaluateFact(t: FactTest, { subject, ctx }: ConditionInput): ConditionResult {
  const def = factDef(t.fact);
  // Unknown facts are rejected when the rule pack loads; this is only a guard.
  if (!def) return NO;
  const value = def.get(subject, ctx);
  const owner = def.entity === "identity" && subject.kind !== "identity" && subject.identity
    ? `identity ${subject.identity.id}`
    : def.entity === "workflow" && subject.kind === "step" && subject.workflow
      ? `workflow ${subject.workflow.id}`
      : def.entity === "incident" ? "incident" : subject.label;
  if (unknownOn(t, value)) return { truth: UNKNOWN, evidence: [{ kind: "unknown-fact", fact: t.fact, owner, label: def.label, entity: def.entity, ...unrecorded(def, subject) }], facts: [t.fact], unknown: [t.fact] };
  if (!testValue(t, value)) return NO;
  const detail = def.detail && value === true ? def.detail(subject) : undefined;
  return { truth: true, evidence: [{ kind: "fact", fact: t.fact, owner, label: def.label, value: value ?? null, ...(detail ? { detail } : {}) }], facts: [t.fact], unknown: [] };
}

/**
 * A test that needs a value the inventory does not record cannot be decided. `present`
 * asks about the record itself, and `notEquals` and `excludes` ("not proven equal", "not
 * proven to contain") already hold on an unknown value, so those stay decided.
 */
export function unknownOn(t: FactTest, v: FactValue): boolean {
  return v === undefined && t.present === undefined && !testValue(t, v);
}

/** Whether the entry exists, and which of its fields are missing (`credential.lastRotated`). */
function unrecorded(def: FactDef, subject: Subject): { recorded: boolean; missing: string[] } {
  const record = def.entity === "incident" ? undefined : subject[def.entity];
  if (def.entity !== "incident" && record === undefined) return { recorded: false, missing: [] };
  const at = (path: readonly string[]) => path.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), record);
  return { recorded: true, missing: (def.reads ?? (def.path ? [def.path] : [])).filter((p) => at(p) === undefined).map((p) => p.join(".")) };
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
