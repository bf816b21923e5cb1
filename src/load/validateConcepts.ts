import { wordSequence } from "../engine/text/phraseWords.js";
import { didYouMean } from "./closest.js";
import { diagnostic, type Diagnostic } from "./diagnostic.js";
import type { Concept } from "./schema/concepts.js";
import type { Symptom } from "./schema/rules.js";
import type { Path } from "./sourceDoc.js";
import type { Located } from "./validatePack.js";
import { TRIGGER_WORDS } from "./validateContext.js";

/**
 * Cross-checks of concepts and frames: concept ids unique, no class without words, every
 * word made of words a ticket can hold; a frame names known concepts, has a unique id, and
 * can fire (no concept both needed and excluded; following-sentence needs two concepts); a
 * phrase excludes known concepts.
 */
export function validateConcepts(concepts: readonly Located<Concept>[], symptoms: readonly Located<Symptom>[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const err = (l: Located<unknown>, sub: Path, message: string) => out.push(diagnostic(l.doc.file, l.doc.locate([...l.path, ...sub]), message));
  const ids = new Set<string>();
  for (const c of concepts) {
    if (ids.has(c.value.id)) err(c, ["id"], `concept "${c.value.id}" is already defined`);
    ids.add(c.value.id);
    if (c.value.words.length === 0) err(c, ["words"], `concept "${c.value.id}" is an empty class: give it at least one word`);
    c.value.words.forEach((w, i) => {
      const n = wordSequence(w).length;
      if (n === 0) err(c, ["words", i], `"${w.slice(0, 40)}" has no words; a concept's entries are words of letters and digits`);
      else if (n > TRIGGER_WORDS) err(c, ["words", i], `"${w.slice(0, 40)}" has ${n} words; the limit is ${TRIGGER_WORDS}`);
    });
  }
  const frames = new Set<string>();
  for (const s of symptoms) {
    s.value.frames?.forEach((f, i) => {
      const at: Path = ["frames", i];
      if (frames.has(f.id)) err(s, [...at, "id"], `frame "${f.id}" is already defined`);
      frames.add(f.id);
      const check = (list: readonly string[], key: string) =>
        list.forEach((id, j) => {
          if (!ids.has(id)) err(s, [...at, key, j], `unknown concept "${id}"${didYouMean(id, ids)}`);
        });
      check(f.concepts, "concepts");
      check(f.exclude ?? [], "exclude");
      const both = f.concepts.find((c) => f.exclude?.includes(c));
      if (both) err(s, [...at, "exclude"], `frame "${f.id}" needs and excludes "${both}", so it can never fire`);
      if (f.relation === "following-sentence" && f.concepts.length < 2) err(s, [...at, "concepts"], `frame "${f.id}" relates a sentence to the next, so it needs at least two concepts`);
    });
    s.value.phrases?.forEach((p, i) =>
      (typeof p === "string" ? [] : (p.exclude ?? [])).forEach((id, j) => {
        if (!ids.has(id)) err(s, ["phrases", i, "exclude", j], `unknown concept "${id}"${didYouMean(id, ids)}`);
      }),
    );
  }
  return out;
}
