import type { ContextCategory, ContextTrigger } from "../../load/schema/context.js";
import { wordSequence } from "../text/phraseWords.js";

/** A trigger's word sequence, ready to be found in a sentence. */
export interface Sequence {
  /** Index into `triggers`, or -1 for a terminator. */
  trigger: number;
  /** The keys (form and lemmas) each word is met by. */
  keys: string[][];
  /** The words as a ticket's words read, to tell a phrase's own words from a trigger. */
  normals: string[];
}

export interface CompiledTrigger {
  id: string;
  category: ContextCategory;
  direction: ContextTrigger["direction"];
  scope: "clause" | "sentence";
  window: number | undefined;
}

export interface CompiledContext {
  triggers: CompiledTrigger[];
  sequences: Sequence[];
  /** Sequences by the keys of their first word. */
  byFirst: Map<string, number[]>;
}

export interface ContextData {
  terminators: readonly string[];
  triggers: readonly ContextTrigger[];
}

export function compileContext(data: ContextData): CompiledContext {
  const triggers: CompiledTrigger[] = data.triggers.map((t) => ({ id: t.id, category: t.category, direction: t.direction, scope: t.scope ?? "clause", window: t.window }));
  const sequences: Sequence[] = [];
  const add = (trigger: number, text: string) => {
    const words = wordSequence(text);
    if (words.length) sequences.push({ trigger, keys: words.map((w) => w.keys), normals: words.map((w) => w.normal) });
  };
  data.triggers.forEach((t, i) => t.words.forEach((w) => add(i, w)));
  for (const w of data.terminators) add(-1, w);
  const byFirst = new Map<string, number[]>();
  sequences.forEach((s, i) => {
    for (const key of s.keys[0]!) {
      const list = byFirst.get(key) ?? [];
      list.push(i);
      byFirst.set(key, list);
    }
  });
  return { triggers, sequences, byFirst };
}
