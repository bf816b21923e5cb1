import { stemmer } from "stemmer";

/**
 * A clause's words, lower-cased, and where each starts in the text. Kept as two lists, and
 * one string for each distinct word: a ticket of 60 MB holds tens of millions of words.
 */
export interface Clause {
  words: string[];
  starts: number[];
}

const WORD = /[a-z0-9]+(?:'[a-z]+)?/g;
const CLAUSE_BREAK = /[.!?;:,()\n]+|\s(?:but|however|although|though|whereas|while)\s/g;

export function stem(word: string): string {
  return stemmer(word.toLowerCase().replace(/'s$/, ""));
}

/** The text's clauses, one at a time, in order; clauses without a word are left out. */
export function* clauses(text: string): Generator<Clause> {
  const seen = new Map<string, string>();
  const read = (part: string, offset: number): Clause => {
    const words: string[] = [];
    const starts: number[] = [];
    for (const m of part.toLowerCase().matchAll(WORD)) {
      let word = seen.get(m[0]);
      if (word === undefined) seen.set(m[0], (word = m[0]));
      words.push(word);
      starts.push(offset + m.index);
    }
    return { words, starts };
  };
  let last = 0;
  for (const m of text.matchAll(CLAUSE_BREAK)) {
    const c = read(text.slice(last, m.index), last);
    if (c.words.length) yield c;
    last = m.index + m[0].length;
  }
  const c = read(text.slice(last), last);
  if (c.words.length) yield c;
}
