import { stemmer } from "stemmer";

export interface Token {
  word: string;
  stem: string;
  start: number;
  end: number;
}

const WORD = /[a-z0-9]+(?:'[a-z]+)?/g;
const CLAUSE_BREAK = /[.!?;:,()\n]+|\s(?:but|however|although|though|whereas|while)\s/g;

export function stem(word: string): string {
  return stemmer(word.toLowerCase().replace(/'s$/, ""));
}

/**
 * The text's clauses, each as its words with their stems and offsets; empty clauses are left
 * out. A ticket repeats its words, so each distinct word is stemmed once.
 */
export function clauses(text: string): Token[][] {
  const stems = new Map<string, string>();
  const tokenize = (part: string, offset: number): Token[] => {
    const tokens: Token[] = [];
    for (const m of part.toLowerCase().matchAll(WORD)) {
      const word = m[0];
      let s = stems.get(word);
      if (s === undefined) stems.set(word, (s = stem(word)));
      tokens.push({ word, stem: s, start: offset + m.index, end: offset + m.index + word.length });
    }
    return tokens;
  };
  const out: Token[][] = [];
  let last = 0;
  for (const m of text.matchAll(CLAUSE_BREAK)) {
    out.push(tokenize(text.slice(last, m.index), last));
    last = m.index + m[0].length;
  }
  out.push(tokenize(text.slice(last), last));
  return out.filter((c) => c.length > 0);
}
