import { blocks } from "./blocks.js";
import { clausesOf } from "./clausesOf.js";
import type { Sentence } from "./sentence.js";
import { lemmaIts, lemmaOf, wink } from "./wink.js";
import type { Word } from "./word.js";

const PART = /[a-z0-9]+(?:'[a-z]+)?/g;
const NO_WORDS = new Set(["punctuation", "url", "email", "emoji", "emoticon", "symbol"]);

/**
 * The text's sentences, one block at a time so a long ticket is never one document in
 * memory: wink-nlp tokenises, lemmatises and splits each block; a split with no space after
 * it ("v1.2.3", "a.b") is undone, since a sentence ends before a space or a line break.
 */
export function* sentences(text: string): Generator<Sentence> {
  const nlp = wink();
  const its = nlp.its;
  for (const block of blocks(text)) {
    const doc = nlp.readDoc(block.text);
    const values = doc.tokens().out(its.value);
    const spaces = doc.tokens().out(its.precedingSpaces);
    const normals = doc.tokens().out(its.normal);
    const lemmas = doc.tokens().out(lemmaIts(nlp));
    const pos = doc.tokens().out(its.pos);
    const types = doc.tokens().out(its.type);
    const starts: number[] = [];
    let cursor = 0;
    values.forEach((v, i) => {
      cursor += spaces[i]!.length;
      // wink keeps the text as written; should a token ever differ, find it rather than drift.
      if (!block.text.startsWith(v, cursor)) cursor = Math.max(cursor, block.text.indexOf(v, cursor));
      starts.push(cursor);
      cursor += v.length;
    });
    const spans: Array<[number, number]> = [];
    for (const [from, to] of doc.sentences().out(its.span) as unknown as Array<[number, number]>) {
      const last = spans.at(-1);
      if (last && spaces[from] === "") last[1] = to;
      else spans.push([from, to]);
    }
    for (const [from, to] of spans) {
      const words: Word[] = [];
      const tokenOf: number[] = [];
      for (let i = from; i <= to; i++) {
        if (NO_WORDS.has(types[i]!)) continue;
        const value = values[i]!.toLowerCase();
        const parts = [...value.matchAll(PART)];
        parts.forEach((m) => {
          const whole = parts.length === 1;
          const normal = whole && /^[a-z0-9']+$/.test(normals[i]!) ? normals[i]! : m[0];
          const start = block.start + starts[i]! + m.index;
          const prev = words.at(-1);
          // Glued to the word before by at most one mark, as in "hard-coded" or "payments_api".
          const joined = prev !== undefined && start - prev.end <= 1 && !/\s/.test(text.slice(prev.end, start));
          words.push({ normal, lemma: whole ? lemmas[i]!.toLowerCase() : lemmaOf(m[0]), pos: pos[i]!, start, end: start + m[0].length, joined, at: words.length });
          tokenOf.push(i);
        });
      }
      if (!words.length) continue;
      const first = block.start + starts[from]!;
      const last = block.start + starts[to]! + values[to]!.length;
      yield { start: first, end: last, words, clauses: clausesOf(words, tokenOf, values) };
    }
  }
}
