import { checkbox, confirm, input, search, select } from "@inquirer/prompts";
import type { InventoryIndex } from "../load/loadInventory.js";
import type { Question } from "../load/schema/questions.js";
import type { AnswerValue } from "./session.js";

/** The responder pressed Ctrl-C: leave cleanly, write nothing. */
export class Cancelled extends Error {
  override readonly name = "Cancelled";
}

export interface MenuChoice<T extends string> {
  value: T;
  name: string;
}

/** Everything the interview asks through; tests drive it with a scripted implementation. */
export interface Prompter {
  ask(q: Question, current: AnswerValue | undefined, inventory: InventoryIndex | undefined): Promise<AnswerValue>;
  menu<T extends string>(message: string, choices: ReadonlyArray<MenuChoice<T>>): Promise<T>;
  confirm(message: string, fallback: boolean): Promise<boolean>;
}

const DONE = "\u0000done";

async function guard<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    // @inquirer/prompts rejects with ExitPromptError on Ctrl-C.
    if (e instanceof Error && e.name === "ExitPromptError") throw new Cancelled("cancelled");
    throw e;
  }
}

/** Picks several ids by typing to filter, one at a time, until "done". */
async function pickFromInventory(q: Question, current: readonly string[], ids: readonly string[]): Promise<string[]> {
  const picked = [...current];
  for (;;) {
    const chosen = await guard(
      search<string>({
        message: picked.length ? `${q.text} (picked: ${picked.join(", ")})` : q.text,
        source: (term) => {
          const t = (term ?? "").toLowerCase();
          const matches = ids.filter((id) => !picked.includes(id) && id.toLowerCase().includes(t)).slice(0, 50);
          const done = { value: DONE, name: picked.length ? "done" : "none of them / done" };
          const found = matches.map((id) => ({ value: id, name: id }));
          // Typing means looking for one: put the matches under the cursor, "done" last.
          return t ? [...found, done] : [done, ...found];
        },
      }),
    );
    if (chosen === DONE) return picked;
    picked.push(chosen);
  }
}

export function inquirerPrompter(): Prompter {
  return {
    async ask(q, current, inventory) {
      const message = q.help ? `${q.text}\n  ${q.help}\n ` : q.text;
      switch (q.kind) {
        case "single":
          return guard(
            select({
              message,
              choices: (q.choices ?? []).map((c) => ({ value: c.value, name: c.label ?? c.value })),
              ...(typeof current === "string" ? { default: current } : {}),
            }),
          );
        case "multi":
          return guard(
            checkbox({
              message,
              choices: (q.choices ?? []).map((c) => ({ value: c.value, name: c.label ?? c.value, checked: Array.isArray(current) && current.includes(c.value) })),
            }),
          );
        case "yesno":
          return guard(confirm({ message, ...(typeof current === "boolean" ? { default: current } : {}) }));
        case "text":
          return guard(input({ message, required: q.required === true, ...(typeof current === "string" ? { default: current } : {}) }));
        case "inventory": {
          const ids = inventory && q.list ? [...inventory[q.list].keys()].sort() : [];
          return pickFromInventory(q, Array.isArray(current) ? current : [], ids);
        }
      }
    },
    menu: (message, choices) => guard(select({ message, choices: choices.map((c) => ({ value: c.value, name: c.name })) })),
    confirm: (message, fallback) => guard(confirm({ message, default: fallback })),
  };
}
