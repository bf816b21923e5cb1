import type { InventoryIndex } from "../load/loadInventory.js";
import type { RulePack } from "../load/rulePack.js";
import type { Question } from "../load/schema/questions.js";
import type { Style } from "../report/style.js";
import { wrap } from "../report/wrap.js";
import { hintLine, leaning } from "./hint.js";
import type { Prompter } from "./prompts.js";
import { nextQuestion, resolve, type AnswerValue, type SessionContext } from "./session.js";
import { blankStart, type Start } from "./ticketStart.js";
import { pickedChoices } from "./toIncident.js";
import { redactText } from "../redact/redactText.js";

export interface InterviewIo {
  prompter: Prompter;
  /** One line of output (the intro, hints, the summary). */
  print(line: string): void;
  style: Style;
}

/** How an answer reads in the summary. */
export function showAnswer(q: Question, a: AnswerValue): string {
  if (q.kind === "yesno") return a ? "yes" : "no";
  if (q.kind === "text") return a === "" ? "(none)" : `"${redactText(String(a))}"`;
  if (q.kind === "inventory") return Array.isArray(a) && a.length ? a.join(", ") : "(none)";
  const labels = pickedChoices(q, a).map((c) => c.label ?? c.value);
  return labels.length ? labels.join("; ") : "(none)";
}

/**
 * Asks, from `start` (nothing, or what a ticket already says), until every applicable
 * question has an answer, showing how the triage leans after each answer that changes it;
 * then shows the answers to confirm or change one (which drops follow-ups that no longer
 * apply and asks the new ones). Returns the final answers.
 */
export async function runInterview(
  pack: RulePack,
  inventory: InventoryIndex | undefined,
  now: number,
  io: InterviewIo,
  start: Start = blankStart(pack, { hasInventory: inventory !== undefined }),
): Promise<Map<string, AnswerValue>> {
  const ctx: SessionContext = { hasInventory: inventory !== undefined };
  const { style: s } = io;
  let answers = new Map(start.answers);
  let lastHint = "";
  io.print(wrap(pack.intro, 88, ""));
  io.print("");
  const showHint = () => {
    const hint = hintLine(leaning(pack, inventory, start.incident(answers), now));
    if (hint !== lastHint) io.print(s.dim(`  ${hint}`));
    lastHint = hint;
  };
  if (answers.size) {
    // Starting from a ticket: say what it already answers, so only the rest is asked.
    io.print(s.bold("From the ticket"));
    for (const q of resolve(pack.questions, answers, ctx).asked) {
      const a = answers.get(q.id);
      if (a !== undefined) io.print(`  ${q.text}\n      ${showAnswer(q, a)}`);
    }
    showHint();
    io.print("");
  }
  const record = (q: Question, a: AnswerValue) => {
    answers.set(q.id, a);
    answers = resolve(pack.questions, answers, ctx).answers;
    showHint();
  };
  for (;;) {
    for (let q = nextQuestion(pack.questions, answers, ctx); q; q = nextQuestion(pack.questions, answers, ctx)) {
      record(q, await io.prompter.ask(q, undefined, inventory));
    }
    const { asked } = resolve(pack.questions, answers, ctx);
    io.print("");
    io.print(s.bold("Your answers"));
    asked.forEach((q, i) => io.print(`  ${String(i + 1).padStart(2)}. ${q.text}\n      ${showAnswer(q, answers.get(q.id)!)}`));
    io.print("");
    const next = await io.prompter.menu("Triage it now, or change an answer?", [
      { value: "done", name: "Triage it" },
      { value: "change", name: "Change an answer" },
    ]);
    if (next === "done") return answers;
    const id = await io.prompter.menu(
      "Which answer?",
      asked.map((q, i) => ({ value: q.id, name: `${i + 1}. ${q.text}` })),
    );
    const q = asked.find((x) => x.id === id)!;
    record(q, await io.prompter.ask(q, answers.get(id), inventory));
  }
}
