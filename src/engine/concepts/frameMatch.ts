import type { SequenceHit } from "../text/sequences.js";
import type { Sentence } from "../text/sentence.js";
import type { CompiledFrame } from "./compileFrames.js";

/** A sentence's concept hits, with the clause each is in. */
export interface ConceptsInSentence {
  sentence: Sentence;
  hits: SequenceHit[];
  clauseOf: readonly number[];
}

/** The words a frame matched: in the sentence before (following-sentence's first concept) and in this one. */
export interface FrameWords {
  before: SequenceHit[];
  here: SequenceHit[];
}

// Words that point back to something named before: "It contained an admin token."
const BACK_REFERENCE = new Set(["it", "its", "they", "them", "their", "this", "that", "these", "those", "which", "the"]);

/** For each concept the frame needs, a hit of it among `hits`, all on different words, or undefined. */
function pick(needed: readonly number[], hits: readonly SequenceHit[]): SequenceHit[] | undefined {
  const chosen: SequenceHit[] = [];
  for (const c of needed) {
    const h = hits.find((x) => x.owner === c && !chosen.some((y) => x.start <= y.end && y.start <= x.end));
    if (!h) return undefined;
    chosen.push(h);
  }
  return chosen;
}

/**
 * Where a frame's concepts meet in this sentence (and, for following-sentence, the one
 * before), with none of its excluded concepts in the same place: the first clause where
 * they all meet, or the sentence. A following sentence must refer back to what the first
 * names: name the same concept again, or point back with a pronoun or "the".
 */
export function frameMatch(f: CompiledFrame, here: ConceptsInSentence, before: ConceptsInSentence | undefined): FrameWords | undefined {
  const excluded = (hits: readonly SequenceHit[]) => hits.some((h) => f.exclude.includes(h.owner));
  if (f.relation === "clause") {
    const clauses = new Map<number, SequenceHit[]>();
    for (const h of here.hits) {
      const k = here.clauseOf[h.start]!;
      const list = clauses.get(k) ?? [];
      list.push(h);
      clauses.set(k, list);
    }
    for (const k of [...clauses.keys()].sort((a, b) => a - b)) {
      const hits = clauses.get(k)!;
      const chosen = excluded(hits) ? undefined : pick(f.concepts, hits);
      if (chosen) return { before: [], here: chosen };
    }
    return undefined;
  }
  if (f.relation === "sentence") {
    const chosen = excluded(here.hits) ? undefined : pick(f.concepts, here.hits);
    return chosen && { before: [], here: chosen };
  }
  if (!before || excluded(before.hits) || excluded(here.hits)) return undefined;
  const [head, ...rest] = f.concepts;
  const first = pick([head!], before.hits);
  const next = pick(rest, here.hits);
  if (!first || !next) return undefined;
  const refersBack = here.hits.some((h) => h.owner === head) || here.sentence.words.some((w) => BACK_REFERENCE.has(w.normal));
  return refersBack ? { before: first, here: next } : undefined;
}
