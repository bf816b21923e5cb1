import type { ContextCategory } from "../../load/schema/context.js";
import type { Word } from "../text/word.js";
import type { CompiledContext } from "./compileContext.js";
import type { Hit } from "./triggerHits.js";

/** What the context says of a match: the categories of the triggers that govern it. */
export type Assertion = Set<Exclude<ContextCategory, "pseudo">>;

/** A match as the context sees it: its words, the clause they are in and the phrase's own words. */
export interface MatchInContext {
  words: readonly Word[];
  /** Which clause of the sentence each sentence word is in. */
  clauseOf: readonly number[];
  own: ReadonlySet<string>;
}

/**
 * The categories of the triggers that govern a match, after ConText: a trigger governs
 * the words on its side (`direction`) within its scope (the clause, or the sentence up to
 * a terminator) and window; a trigger that is one of the match's words, or made only of the
 * phrase's own words ("no rollback"), governs nothing.
 */
export function assertionOf(m: MatchInContext, hits: readonly Hit[], ctx: CompiledContext): Assertion {
  const out: Assertion = new Set();
  const at = m.words.map((w) => w.at);
  const a = Math.min(...at);
  const b = Math.max(...at);
  const terminators = hits.filter((h) => h.owner < 0);
  for (const h of hits) {
    if (h.owner < 0) continue;
    const t = ctx.triggers[h.owner]!;
    if (t.category === "pseudo" || out.has(t.category)) continue;
    if (at.some((p) => p >= h.start && p <= h.end)) continue;
    const seq = ctx.sequences[h.sequence]!;
    if (seq.normals.every((n) => m.own.has(n))) continue;
    const before = h.start < b && (t.window === undefined || a - h.end <= t.window);
    const after = h.start > a && (t.window === undefined || h.start - b <= t.window);
    const forward = t.direction !== "backward" && before;
    const backward = t.direction !== "forward" && after;
    if (!forward && !backward) continue;
    if (t.scope === "clause") {
      if (m.clauseOf[h.start] !== m.clauseOf[a]) continue;
    } else {
      const [lo, hi] = forward ? [h.end, a] : [b, h.start];
      if (terminators.some((x) => x.start > lo && x.end < hi)) continue;
    }
    out.add(t.category);
  }
  return out;
}
