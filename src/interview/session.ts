import type { Question, When } from "../load/schema/questions.js";

/** single → a choice value; multi and inventory → values; yesno → boolean; text → the text. */
export type AnswerValue = string | readonly string[] | boolean;
export type Answers = ReadonlyMap<string, AnswerValue>;

export interface SessionContext {
  /** Whether --inventory was given: inventory questions need one. */
  hasInventory: boolean;
}

export function holds(w: When, answers: Answers, ctx: SessionContext): boolean {
  if ("all" in w) return w.all.every((s) => holds(s, answers, ctx));
  if ("any" in w) return w.any.some((s) => holds(s, answers, ctx));
  if ("not" in w) return !holds(w.not, answers, ctx);
  if ("inventory" in w) return ctx.hasInventory === w.inventory;
  const a = answers.get(w.answer);
  if ("includes" in w) return Array.isArray(a) && a.includes(w.includes);
  return a === w.equals;
}

/**
 * The questions that apply, in asking order, and the answers that still count. An answer
 * to a question that no longer applies (its parent answer changed) is dropped, and so
 * are the follow-ups that depended on it.
 */
export function resolve(questions: readonly Question[], answers: Answers, ctx: SessionContext): { asked: Question[]; answers: Map<string, AnswerValue> } {
  const kept = new Map<string, AnswerValue>();
  const asked: Question[] = [];
  for (const q of questions) {
    if (q.when && !holds(q.when, kept, ctx)) continue;
    asked.push(q);
    const a = answers.get(q.id);
    if (a !== undefined) kept.set(q.id, a);
  }
  return { asked, answers: kept };
}

/** The next question to ask, or undefined when every applicable question has an answer. */
export function nextQuestion(questions: readonly Question[], answers: Answers, ctx: SessionContext): Question | undefined {
  const r = resolve(questions, answers, ctx);
  return r.asked.find((q) => !r.answers.has(q.id));
}
