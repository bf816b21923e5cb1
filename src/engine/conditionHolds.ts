import type { Condition, FactTest } from "../load/schema/rules.js";
import { factDef, type FactValue } from "./factCatalog.js";
import type { ConditionInput } from "./evaluateCondition.js";

type Holds = (input: ConditionInput) => boolean;

// Conditions are parsed once per rule pack, so a compiled test can hang off the object itself.
const compiled = new WeakMap<Condition, Holds>();

/**
 * Whether a condition holds, without the evidence: the same meaning as
 * `evaluateCondition(c, input).holds`, compiled once per condition so that the millions of
 * rule-on-entry tests of a large inventory allocate nothing. Evidence is then built only
 * for the pairs that hold.
 */
export function conditionHolds(c: Condition, input: ConditionInput): boolean {
  let f = compiled.get(c);
  if (!f) compiled.set(c, (f = compile(c)));
  return f(input);
}

function compile(c: Condition): Holds {
  if ("all" in c) {
    const parts = c.all.map(compile);
    return (input) => {
      for (const p of parts) if (!p(input)) return false;
      return true;
    };
  }
  if ("any" in c) {
    const parts = c.any.map(compile);
    return (input) => {
      for (const p of parts) if (p(input)) return true;
      return false;
    };
  }
  if ("not" in c) {
    const inner = compile(c.not);
    return (input) => !inner(input);
  }
  if ("symptom" in c) {
    const code = c.symptom;
    return (input) => input.symptoms.has(code);
  }
  return compileFact(c);
}

function compileFact(t: FactTest): Holds {
  const def = factDef(t.fact);
  // Unknown facts are rejected when the rule pack loads; this is only a guard.
  if (!def) return () => false;
  const test = compileTest(t);
  return ({ subject, ctx }) => test(def.get(subject, ctx));
}

/** One check per operator the test names, in `testValue`'s order (evaluateCondition.ts). */
function compileTest(t: FactTest): (v: FactValue) => boolean {
  const checks: Array<(v: FactValue) => boolean> = [];
  const { present, notEquals, equals, gt, gte, lt, lte, includes, includesAny, excludes } = t;
  if (present !== undefined) checks.push((v) => (v !== undefined) === present);
  // "Not proven equal": an unknown value is not treated as safe.
  if (notEquals !== undefined) checks.push((v) => v !== notEquals);
  if (equals !== undefined) checks.push((v) => v === equals);
  if (t.in !== undefined) {
    const set = new Set<unknown>(t.in);
    checks.push((v) => v !== undefined && !Array.isArray(v) && set.has(v));
  }
  if (gt !== undefined) checks.push((v) => typeof v === "number" && v > gt);
  if (gte !== undefined) checks.push((v) => typeof v === "number" && v >= gte);
  if (lt !== undefined) checks.push((v) => typeof v === "number" && v < lt);
  if (lte !== undefined) checks.push((v) => typeof v === "number" && v <= lte);
  if (includes !== undefined) checks.push((v) => Array.isArray(v) && v.includes(includes));
  if (includesAny !== undefined) checks.push((v) => Array.isArray(v) && includesAny.some((x) => v.includes(x)));
  if (excludes !== undefined) checks.push((v) => !(Array.isArray(v) && v.includes(excludes)));
  if (checks.length === 1) return checks[0]!;
  return (v) => {
    for (const check of checks) if (!check(v)) return false;
    return true;
  };
}
