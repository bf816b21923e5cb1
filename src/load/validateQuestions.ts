import { didYouMean } from "./closest.js";
import { diagnostic, type Diagnostic } from "./diagnostic.js";
import type { Question, When } from "./schema/questions.js";
import type { Path } from "./sourceDoc.js";
import type { Located } from "./validatePack.js";

/**
 * Cross-checks of the question graph: ids unique, each kind with what it needs, symptom
 * codes real, and every `when` naming an EARLIER question and a value it can give, so
 * the graph is acyclic by construction and no condition tests something impossible.
 */
export function validateQuestions(questions: readonly Located<Question>[], symptoms: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const err = (q: Located<Question>, sub: Path, message: string) => out.push(diagnostic(q.doc.file, q.doc.locate([...q.path, ...sub]), message));
  const earlier = new Map<string, Question>();
  for (const q of questions) {
    const { id, kind, choices, field, list } = q.value;
    if (earlier.has(id)) err(q, ["id"], `question "${id}" is already defined`);
    const needsChoices = kind === "single" || kind === "multi";
    if (needsChoices && !choices?.length) err(q, ["kind"], `a ${kind} question needs choices`);
    if (!needsChoices && kind !== "yesno" && choices) err(q, ["choices"], `a ${kind} question has no choices`);
    if (kind === "text" && !field) err(q, ["kind"], "a text question needs a field (id, title or description)");
    if (kind !== "text" && field) err(q, ["field"], "only text questions fill a field");
    if (kind === "inventory" && !list) err(q, ["kind"], "an inventory question needs a list (identities, workflows or agents)");
    if (kind !== "inventory" && list) err(q, ["list"], "only inventory questions fill a list");
    const seen = new Set<string>();
    choices?.forEach((c, i) => {
      if (seen.has(c.value)) err(q, ["choices", i, "value"], `choice "${c.value}" appears twice`);
      seen.add(c.value);
      if (kind === "yesno" && c.value !== "yes" && c.value !== "no") err(q, ["choices", i, "value"], `a yes/no question's choices are "yes" and "no", not "${c.value}"`);
      if (kind !== "yesno" && !c.label) err(q, ["choices", i], `choice "${c.value}" needs a label`);
      c.symptoms?.forEach((s, j) => {
        if (!symptoms.has(s)) err(q, ["choices", i, "symptoms", j], `unknown symptom "${s}"${didYouMean(s, symptoms)}`);
      });
    });
    if (q.value.when) checkWhen(q.value.when, ["when"], q, earlier, err);
    earlier.set(id, q.value);
  }
  return out;
}

function checkWhen(w: When, path: Path, q: Located<Question>, earlier: ReadonlyMap<string, Question>, err: (q: Located<Question>, sub: Path, m: string) => void): void {
  if ("all" in w) return w.all.forEach((s, i) => checkWhen(s, [...path, "all", i], q, earlier, err));
  if ("any" in w) return w.any.forEach((s, i) => checkWhen(s, [...path, "any", i], q, earlier, err));
  if ("not" in w) return checkWhen(w.not, [...path, "not"], q, earlier, err);
  if ("inventory" in w) return;
  const target = earlier.get(w.answer);
  if (!target) {
    err(q, [...path, "answer"], `"${w.answer}" is not an earlier question${didYouMean(w.answer, earlier.keys())}`);
    return;
  }
  const values = (target.choices ?? []).map((c) => c.value);
  if ("includes" in w) {
    if (target.kind !== "multi") err(q, [...path, "includes"], `"includes" tests a multi-choice answer; "${w.answer}" is ${target.kind}`);
    else if (!values.includes(w.includes)) err(q, [...path, "includes"], `"${w.answer}" has no choice "${w.includes}"${didYouMean(w.includes, values)}`);
    return;
  }
  if (target.kind === "yesno") {
    if (typeof w.equals !== "boolean") err(q, [...path, "equals"], `"${w.answer}" is a yes/no question: compare with true or false`);
  } else if (target.kind !== "single") err(q, [...path, "equals"], `"equals" tests a single-choice or yes/no answer; "${w.answer}" is ${target.kind}`);
  else if (typeof w.equals !== "string" || !values.includes(w.equals)) err(q, [...path, "equals"], `"${w.answer}" has no choice "${String(w.equals)}"${didYouMean(String(w.equals), values)}`);
}
