import type { Meter } from "../firstMatch.js";
import { inflections, wordSequence } from "./phraseWords.js";
import type { Word } from "./word.js";

/** A rule's word sequence (a trigger, a terminator, a concept's word), ready to be found in a sentence. */
export interface Sequence {
  /** What the sequence belongs to: an index its owner gives meaning to. */
  owner: number;
  /** The keys (form and lemmas) each word is met by. */
  keys: string[][];
  /** The words as a ticket's words read, to tell a phrase's own words from a trigger. */
  normals: string[];
  /** Parts of speech a one-word sequence must have in the text, or none for any. */
  pos: readonly string[] | undefined;
}

export interface SequenceIndex {
  sequences: Sequence[];
  /** Sequences by the keys of their first word. */
  byFirst: Map<string, number[]>;
}

/** A sequence found in a sentence, by the places of its first and last word. */
export interface SequenceHit {
  sequence: number;
  owner: number;
  start: number;
  end: number;
}

/** `inflect` adds each word's regular inflections to its keys (for classes of words, whose entries are lemmas). */
export function indexSequences(items: ReadonlyArray<{ owner: number; text: string; pos?: readonly string[] | undefined }>, inflect = false): SequenceIndex {
  const sequences: Sequence[] = [];
  for (const { owner, text, pos } of items) {
    const words = wordSequence(text);
    const keys = words.map((w) => (inflect ? [...new Set([...w.keys, ...inflections(w.normal)])] : w.keys));
    if (words.length) sequences.push({ owner, keys, normals: words.map((w) => w.normal), pos: words.length === 1 ? pos : undefined });
  }
  const byFirst = new Map<string, number[]>();
  sequences.forEach((s, i) => {
    for (const key of s.keys[0]!) {
      const list = byFirst.get(key) ?? [];
      if (list.at(-1) !== i) list.push(i);
      byFirst.set(key, list);
    }
  });
  return { sequences, byFirst };
}

function meets(w: Word | undefined, keys: readonly string[]): boolean {
  return w !== undefined && (keys.includes(w.normal) || keys.includes(w.lemma));
}

/** Every sequence of the index in the words, in order. Linear in the words: each word looks up only the sequences that begin with it. */
export function findSequences(words: readonly Word[], index: SequenceIndex, meter: Meter): SequenceHit[] {
  const hits: SequenceHit[] = [];
  words.forEach((w, i) => {
    const seen = new Set<number>();
    for (const key of w.normal === w.lemma ? [w.normal] : [w.normal, w.lemma]) {
      for (const s of index.byFirst.get(key) ?? []) {
        if (seen.has(s)) continue;
        seen.add(s);
        const seq = index.sequences[s]!;
        meter.steps += seq.keys.length;
        if (seq.pos && !seq.pos.includes(w.pos)) continue;
        if (seq.keys.every((keys, k) => meets(words[i + k], keys))) hits.push({ sequence: s, owner: seq.owner, start: i, end: i + seq.keys.length - 1 });
      }
    }
  });
  return hits;
}
