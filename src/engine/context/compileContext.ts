import type { ContextCategory, ContextTrigger } from "../../load/schema/context.js";
import { indexSequences, type SequenceIndex } from "../text/sequences.js";

export interface CompiledTrigger {
  id: string;
  category: ContextCategory;
  direction: ContextTrigger["direction"];
  scope: "clause" | "sentence";
  window: number | undefined;
  opening: boolean;
}

/** The triggers, and their word sequences (owner: the trigger's index, or -1 for a terminator). */
export interface CompiledContext extends SequenceIndex {
  triggers: CompiledTrigger[];
}

export interface ContextData {
  terminators: readonly string[];
  triggers: readonly ContextTrigger[];
}

export function compileContext(data: ContextData): CompiledContext {
  const triggers: CompiledTrigger[] = data.triggers.map((t) => ({ id: t.id, category: t.category, direction: t.direction, scope: t.scope ?? "clause", window: t.window, opening: t.opening ?? false }));
  const index = indexSequences([...data.triggers.flatMap((t, i) => t.words.map((text) => ({ owner: i, text }))), ...data.terminators.map((text) => ({ owner: -1, text }))]);
  return { triggers, ...index };
}
