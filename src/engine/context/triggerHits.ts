import type { Meter } from "../firstMatch.js";
import type { Word } from "../text/word.js";
import type { CompiledContext } from "./compileContext.js";

/** A trigger (or a terminator, trigger -1) found in a sentence, by the places of its first and last word. */
export interface Hit {
  sequence: number;
  trigger: number;
  start: number;
  end: number;
}

function meets(w: Word | undefined, keys: readonly string[]): boolean {
  return w !== undefined && (keys.includes(w.normal) || keys.includes(w.lemma));
}

/**
 * Every trigger and terminator in a sentence, in order, less the triggers a pseudo-trigger
 * covers ("not only" holds "not" but denies nothing). Work is linear in the words: each
 * word looks up only the sequences that begin with it.
 */
export function triggerHits(words: readonly Word[], ctx: CompiledContext, meter: Meter): Hit[] {
  const hits: Hit[] = [];
  words.forEach((w, i) => {
    const seen = new Set<number>();
    for (const key of w.normal === w.lemma ? [w.normal] : [w.normal, w.lemma]) {
      for (const s of ctx.byFirst.get(key) ?? []) {
        if (seen.has(s)) continue;
        seen.add(s);
        const seq = ctx.sequences[s]!;
        meter.steps += seq.keys.length;
        if (seq.keys.every((keys, k) => meets(words[i + k], keys))) hits.push({ sequence: s, trigger: seq.trigger, start: i, end: i + seq.keys.length - 1 });
      }
    }
  });
  const pseudo = hits.filter((h) => h.trigger >= 0 && ctx.triggers[h.trigger]!.category === "pseudo");
  if (!pseudo.length) return hits;
  return hits.filter((h) => h.trigger < 0 || ctx.triggers[h.trigger]!.category === "pseudo" || !pseudo.some((p) => p.start <= h.start && h.end <= p.end));
}
