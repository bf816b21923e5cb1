import type { Meter } from "../firstMatch.js";
import { findSequences, type SequenceHit } from "../text/sequences.js";
import type { Word } from "../text/word.js";
import type { CompiledContext } from "./compileContext.js";

/** A trigger (or a terminator, owner -1) found in a sentence. */
export type Hit = SequenceHit;

/**
 * Every trigger and terminator in a sentence, in order, less the triggers a pseudo-trigger
 * covers ("not only" holds "not" but denies nothing) and the opening triggers found further
 * in ("had the" opens a condition only where it opens the sentence).
 */
export function triggerHits(words: readonly Word[], ctx: CompiledContext, meter: Meter): Hit[] {
  const hits = findSequences(words, ctx, meter).filter((h) => h.start === 0 || h.owner < 0 || !ctx.triggers[h.owner]!.opening);
  const isPseudo = (h: Hit) => h.owner >= 0 && ctx.triggers[h.owner]!.category === "pseudo";
  const pseudo = hits.filter(isPseudo);
  if (!pseudo.length) return hits;
  return hits.filter((h) => h.owner < 0 || isPseudo(h) || !pseudo.some((p) => p.start <= h.start && h.end <= p.end));
}
