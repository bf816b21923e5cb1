import type { Condition, FactTest } from "../load/schema/rules.js";
import { factDef, type FactValue } from "./factCatalog.js";
import { unknownOn, type ConditionInput } from "./evaluateCondition.js";
import { UNKNOWN, type Truth } from "./truth.js";

type Holds = (input: ConditionInput) => Truth;

// Conditions are parsed once per rule pack, so a compiled test can hang off the object itself.
const compiled = new WeakMap<Condition, Holds>();

/**
 * Whether a condition holds, without the evidence: the same truth as
 * `evaluateCondition(c, input).truth` (true, false or unknown), compiled once per condition
 * so that the millions of rule-on-entry tests of a large inventory allocate nothing.
 * Evidence is then built only for the pairs that hold or are unknown.
 */
export function conditionHolds(c: Condition, input: ConditionInput): Truth {
  let f = compiled.get(c);
  if (!f) compiled.set(c, (f = compile(c)));
  return f(input);
}

function compile(c: Condition): Holds {
  if ("all" in c) return combine(c.all.map(compile), false);
  if ("any" in c) return combine(c.any.map(compile), true);
  if ("not" in c) {
    const inner = compile(c.not);
    return (input) => {
      const t = inner(input);
      return t === UNKNOWN ? UNKNOWN : !t;
    };
  }
  if ("symptom" in c) {
    const code = c.symptom;
    return (input) => input.symptoms.has(code);
  }
  return compileFact(c);
}

/**
 * `all` and `any` are duals: one part equal to `decisive` (false for all, true for any)
 * decides the whole; otherwise an unknown part leaves it unknown.
 */
function combine(parts: readonly Holds[], decisive: boolean): Holds {
  return (input) => {
    let out: Truth = !decisive;
    for (const p of parts) {
      const t = p(input);
      if (t === decisive) return decisive;
      if (t === UNKNOWN) out = UNKNOWN;
    }
    return out;
  };
}

function compileFact(t: FactTest): Holds {
  const def = factDef(t.fact);
  // Unknown facts are rejected when the rule pack loads; this is only a guard.
  if (!def) return () => false;
  const test = compileTest(t);
  // Whether an unrecorded value leaves this test undecided depends on its operator alone.
  const undecided = unknownOn(t, undefined);
  return ({ subject, ctx }) => {
    const v = def.get(subject, ctx);
    return v === undefined && undecided ? UNKNOWN : test(v);
  };
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
