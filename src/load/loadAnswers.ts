import { resolve, type AnswerValue, type SessionContext } from "../interview/session.js";
import { didYouMean } from "./closest.js";
import { diagnostic, InputError, type Diagnostic } from "./diagnostic.js";
import { loadDocument } from "./loadDocument.js";
import type { InventoryIndex } from "./loadInventory.js";
import { AnswersFile } from "./schema/answers.js";
import type { Question } from "./schema/questions.js";

const KIND_WORDS = { single: "one choice", multi: "a list of choices", yesno: "true or false", text: "text", inventory: "a list of ids" } as const;

/** What is wrong with one answer to one question, or undefined when it fits. */
export function answerProblem(q: Question, a: AnswerValue, inventory: InventoryIndex | undefined): string | undefined {
  const values = (q.choices ?? []).map((c) => c.value);
  const expected = `question "${q.id}" takes ${KIND_WORDS[q.kind]}`;
  switch (q.kind) {
    case "single":
      if (typeof a !== "string") return expected;
      return values.includes(a) ? undefined : `"${a}" is not a choice of "${q.id}" (choices: ${values.join(", ")})${didYouMean(a, values)}`;
    case "multi": {
      if (!Array.isArray(a)) return expected;
      const bad = a.filter((v) => !values.includes(v));
      return bad.length ? `${bad.map((v) => `"${v}"`).join(", ")} ${bad.length === 1 ? "is not a choice" : "are not choices"} of "${q.id}" (choices: ${values.join(", ")})${didYouMean(bad[0]!, values)}` : undefined;
    }
    case "yesno":
      return typeof a === "boolean" ? undefined : expected;
    case "text":
      if (typeof a !== "string") return expected;
      return q.required && a.trim() === "" ? `question "${q.id}" needs an answer` : undefined;
    case "inventory": {
      if (!Array.isArray(a)) return expected;
      if (!inventory) return `question "${q.id}" picks from the inventory: give --inventory`;
      const known = inventory[q.list!];
      const bad = a.filter((id) => !known.has(id));
      return bad.length ? `unknown ${q.list!.replace(/ies$/, "y").replace(/s$/, "")} "${bad[0]}"${didYouMean(bad[0]!, known.keys())}` : undefined;
    }
  }
}

/**
 * Reads saved answers and checks each against the question graph: an unknown question, a
 * value that is not a choice, an answer to a question that does not apply to the other
 * answers, or a missing required answer is an input error naming the line. `start` holds
 * answers known before (what a ticket says); each answer in the file replaces its own.
 */
export function loadAnswers(file: string, text: string, questions: readonly Question[], inventory: InventoryIndex | undefined, start: ReadonlyMap<string, AnswerValue> = new Map()): Map<string, AnswerValue> {
  const { value, doc } = loadDocument(file, text, AnswersFile, "Answers");
  const byId = new Map(questions.map((q) => [q.id, q]));
  const own = new Map<string, AnswerValue>(Object.entries(value.answers));
  const given = new Map<string, AnswerValue>([...start, ...own]);
  const ctx: SessionContext = { hasInventory: inventory !== undefined };
  const diags: Diagnostic[] = [];
  const at = (id: string) => doc.locate(["answers", id]);
  for (const [id, a] of own) {
    const q = byId.get(id);
    if (!q) {
      diags.push(diagnostic(file, doc.locateKey(["answers", id]), `unknown question "${id}"${didYouMean(id, byId.keys())}`));
      continue;
    }
    const problem = answerProblem(q, a, inventory);
    if (problem) diags.push(diagnostic(file, at(id), problem));
  }
  if (diags.length === 0) {
    const { asked, answers } = resolve(questions, given, ctx);
    for (const id of own.keys()) {
      if (!answers.has(id)) diags.push(diagnostic(file, doc.locateKey(["answers", id]), `question "${id}" does not apply to the other answers (its condition does not hold)`));
    }
    for (const q of asked) {
      if (q.required && !answers.has(q.id)) diags.push(diagnostic(file, doc.locate(["answers"]), `missing an answer to "${q.id}" (${q.text})`));
    }
  }
  if (diags.length) throw new InputError(diags, new Map([[file, text]]));
  return resolve(questions, given, ctx).answers;
}
