import type { Condition, SubjectKind } from "../load/schema/rules.js";
import { unknownOn } from "./evaluateCondition.js";
import { factDef } from "./factCatalog.js";

/**
 * Whether an unrecorded fact could leave a rule's condition undecided on its subject: it
 * tests, with an operator that needs the value, a fact that can be missing there. A
 * condition of symptoms, `present`, `notEquals` and `excludes` alone is always decided, so
 * saying what it does on unknown would say nothing.
 */
export function mayBeUnknown(c: Condition, subject: SubjectKind): boolean {
  if ("all" in c) return c.all.some((x) => mayBeUnknown(x, subject));
  if ("any" in c) return c.any.some((x) => mayBeUnknown(x, subject));
  if ("not" in c) return mayBeUnknown(c.not, subject);
  if ("symptom" in c) return false;
  const def = factDef(c.fact);
  // The incident is always there; an entry is there when it is the subject itself.
  if (def?.alwaysKnown && (def.entity === "incident" || def.entity === subject)) return false;
  return unknownOn(c, undefined);
}
