import type { Condition } from "../load/schema/rules.js";
import { conditionHolds } from "./conditionHolds.js";
import type { ConditionInput } from "./evaluateCondition.js";
import type { SymptomFact } from "./symptomFact.js";

/**
 * How strongly the symptoms behind a holding condition show it, by `strengthOf` each fact:
 * undefined when what makes it hold is no symptom (inventory and incident facts are what
 * they are, so they neither weaken nor strengthen). `all` is as strong as its weakest
 * symptom; `any` as its strongest part that holds, and when a part holds on facts alone it
 * holds at least in full. A negation proves an absence and adds nothing. Raising a fact's strength
 * never lowers the result, so stronger text never moves a decision away from its side.
 */
export function conditionStrength(c: Condition, input: ConditionInput, strengthOf: (s: SymptomFact) => number): number | undefined {
  if ("all" in c) {
    let out: number | undefined;
    for (const part of c.all) {
      const s = conditionStrength(part, input, strengthOf);
      if (s !== undefined) out = out === undefined ? s : Math.min(out, s);
    }
    return out;
  }
  if ("any" in c) {
    let out: number | undefined;
    let onFacts = false;
    for (const part of c.any) {
      if (conditionHolds(part, input) !== true) continue;
      const s = conditionStrength(part, input, strengthOf);
      if (s === undefined) onFacts = true;
      else out = out === undefined ? s : Math.max(out, s);
    }
    return onFacts && out !== undefined ? Math.max(1, out) : out;
  }
  if ("not" in c) return undefined;
  if ("symptom" in c) {
    const s = input.symptoms.get(c.symptom);
    return s ? strengthOf(s) : undefined;
  }
  return undefined;
}
