import { sentences } from "./sentences.js";
import { lemmaOf } from "./wink.js";

/** One way to fill a phrase's word: a word (or a hyphenated run of words) by lemma, or a `word*` prefix. */
export type Alternative = { parts: string[][]; joined: string } | { prefix: string };

/** A phrase's words without its "~N" window, lower-cased, as written. */
export function phraseTerms(phrase: string): string[] {
  return phrase.replace(/\s~\d+$/, "").toLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * The keys a word of a rule is matched by: itself and its lemma, so "ran" meets "runs" and
 * "took" meets "taken" through "run" and "take", while a lemma the model gets wrong for a
 * rare word still meets the same word written the same way.
 */
export function wordKeys(word: string): string[] {
  const lemma = lemmaOf(word);
  return lemma === word ? [word] : [word, lemma];
}

/** Words of a rule read by the ticket pipeline, each with the keys it is met by. */
export function wordSequence(text: string): Array<{ normal: string; keys: string[] }> {
  return [...sentences(text.toLowerCase())].flatMap((s) => s.words).map((w) => ({ normal: w.normal, keys: [...new Set([w.normal, w.lemma, ...wordKeys(w.normal)])] }));
}

/**
 * The regular inflections of a word the model may not know ("phish": phished, phishing,
 * phishes), so a class's entry meets them even when the lemmatiser leaves them as written.
 */
export function inflections(word: string): string[] {
  if (!/^[a-z]{3,}$/.test(word)) return [];
  const stem = word.endsWith("e") ? word.slice(0, -1) : word;
  const forms = [`${word}s`, `${word}es`, `${stem}ed`, `${stem}ing`];
  if (/[^aeiou]y$/.test(word)) forms.push(`${word.slice(0, -1)}ies`, `${word.slice(0, -1)}ied`);
  return forms;
}

/**
 * A term's alternatives. `a|b` are alternatives for one word; `hard-coded` is one
 * alternative of several words, met written apart, hyphenated or joined ("hardcoded"). An
 * alternative is read by the same pipeline as a ticket, so "didn't" is "did" and "not"
 * there as it is in the text.
 */
export function alternatives(term: string): Alternative[] {
  return term
    .split("|")
    .filter(Boolean)
    .map((alt): Alternative => {
      if (alt.endsWith("*")) return { prefix: alt.slice(0, -1) };
      const parts = wordSequence(alt.replace(/-/g, " ")).map((w) => w.keys);
      return { parts: parts.length ? parts : [[alt]], joined: alt.replace(/[^a-z0-9]/g, "") };
    });
}

/** The words of an alternative as a ticket's words would read (for a phrase's own negations). */
export function ownWords(term: string): string[] {
  return alternatives(term).flatMap((a) => ("prefix" in a ? [a.prefix] : a.parts.map((keys) => keys[0]!)));
}
