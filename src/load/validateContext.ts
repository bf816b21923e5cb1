import { wordSequence } from "../engine/text/phraseWords.js";
import { diagnostic, type Diagnostic } from "./diagnostic.js";
import type { ContextTrigger } from "./schema/context.js";
import type { Path } from "./sourceDoc.js";
import type { Located } from "./validatePack.js";

/** Words in one trigger sequence: a trigger is a cue of a few words, not a sentence. */
export const TRIGGER_WORDS = 6;

/**
 * Cross-checks of the assertion context: ids unique, every word sequence made of words a
 * ticket can hold and at most TRIGGER_WORDS long, and a pseudo-trigger that holds some
 * real trigger (one that holds none could never take anything away).
 */
export function validateContext(triggers: readonly Located<ContextTrigger>[], terminators: readonly Located<string>[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const err = (l: Located<unknown>, sub: Path, message: string) => out.push(diagnostic(l.doc.file, l.doc.locate([...l.path, ...sub]), message));
  const seen = new Set<string>();
  const real: string[][] = [];
  const check = (l: Located<unknown>, sub: Path, text: string): string[] => {
    const words = wordSequence(text).map((w) => w.normal);
    if (words.length === 0) err(l, sub, `"${text.slice(0, 40)}" has no words; a trigger is words of letters and digits`);
    else if (words.length > TRIGGER_WORDS) err(l, sub, `"${text.slice(0, 40)}" has ${words.length} words; the limit is ${TRIGGER_WORDS}`);
    return words;
  };
  for (const t of triggers) {
    if (seen.has(t.value.id)) err(t, ["id"], `trigger "${t.value.id}" is already defined`);
    seen.add(t.value.id);
    t.value.words.forEach((w, i) => {
      const words = check(t, ["words", i], w);
      if (t.value.category !== "pseudo" && words.length) real.push(words);
    });
  }
  for (const t of triggers.filter((x) => x.value.category === "pseudo")) {
    t.value.words.forEach((w, i) => {
      const words = wordSequence(w).map((x) => x.normal);
      const holds = real.some((r) => words.some((_, k) => r.every((x, j) => words[k + j] === x)));
      if (words.length && !holds) err(t, ["words", i], `the pseudo-trigger "${w.slice(0, 40)}" holds no trigger's words, so it can never cancel one`);
    });
  }
  for (const t of terminators) check(t, [], t.value);
  return out;
}
