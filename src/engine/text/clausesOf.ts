import type { Word } from "./word.js";

const BREAKS = new Set([",", ";", ":", "!", "?", "—", "–"]);
const CONJUNCTIONS = new Set(["but", "however", "although", "though", "whereas", "while"]);

/**
 * A sentence's clauses: cut at commas, semicolons, colons and contrasting conjunctions. A
 * parenthesis is a clause of its own and the clause around it goes on after it, so "the key
 * (an AWS key) was leaked" keeps "the key was leaked" together. `tokenOf` gives each word's
 * token, `tokens` the sentence's tokens as written.
 */
export function clausesOf(words: readonly Word[], tokenOf: readonly number[], tokens: readonly string[]): Word[][] {
  const out: Word[][] = [];
  const open: Word[][] = [[]];
  const close = () => {
    const c = open.pop()!;
    if (c.length) out.push(c);
  };
  let w = 0;
  const from = tokenOf[0] ?? 0;
  const to = tokenOf.at(-1) ?? -1;
  for (let i = from; i <= to; i++) {
    const t = tokens[i]!;
    if (t === "(" || t === "[") open.push([]);
    else if ((t === ")" || t === "]") && open.length > 1) close();
    else if (BREAKS.has(t)) {
      close();
      open.push([]);
    }
    while (w < words.length && tokenOf[w] === i) {
      const word = words[w++]!;
      if (CONJUNCTIONS.has(word.normal) && !word.joined) {
        close();
        open.push([]);
        continue;
      }
      open.at(-1)!.push(word);
    }
  }
  while (open.length) close();
  // Clauses in the order they begin, so the first match in a text is the first written.
  return out.sort((a, b) => a[0]!.start - b[0]!.start);
}
