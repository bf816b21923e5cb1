import { found, matchContext, otherSense, span, textSentences, type CompiledDetectors, type Match } from "../../src/engine/detectSymptoms.js";
import { triggerHits } from "../../src/engine/context/triggerHits.js";
import type { SymptomFact } from "../../src/engine/symptomFact.js";
import type { Alternative } from "../../src/engine/text/phraseWords.js";
import type { Word } from "../../src/engine/text/word.js";
import { findSequences } from "../../src/engine/text/sequences.js";
import { redactedKinds } from "../../src/redact/redactedKinds.js";
import { searchedMatch } from "./searchedMatch.js";

/** The last word of the clause an alternative covers when it starts at word i, or -1. */
function lastWord(a: Alternative, clause: readonly Word[], i: number): number {
  const w = clause[i]!;
  if ("prefix" in a) return w.normal.startsWith(a.prefix) ? i : -1;
  if (a.parts.length > 1 && w.normal === a.joined) return i;
  const all = a.parts.every((keys, k) => {
    const x = clause[i + k];
    return x !== undefined && (keys.includes(x.normal) || keys.includes(x.lemma));
  });
  return all ? i + a.parts.length - 1 : -1;
}

/**
 * detectSymptoms as it was before it indexed clauses and used firstMatch: every detector
 * against every clause, every alternative tried at every word, the depth-first search; the
 * first asserted match, then the first asserted one in a sentence that states a cause.
 * The reference the linear version must agree with.
 */
export function searchedSymptoms(text: string, compiled: CompiledDetectors): SymptomFact[] {
  const kinds = redactedKinds(text);
  const sentences = [...textSentences(text, kinds)].map((s) => ({
    s,
    hits: triggerHits(s.words, compiled.context, { steps: 0 }),
    concepts: compiled.phraseExcludes ? findSequences(s.words, compiled.frames, { steps: 0 }) : [],
  }));
  const firstAt = compiled.detectors.map((d) => {
    let first: Match | undefined;
    for (const { s, hits, concepts } of sentences) {
      for (const [c, clause] of s.clauses.entries()) {
        const last = d.terms.map((alts) => clause.map((_, i) => Math.max(...alts.map((a) => lastWord(a, clause, i)))));
        const candidates = last.map((l) => l.flatMap((x, i) => (x >= 0 ? [i] : [])));
        const lastOf = (k: number, p: number) => last[k]![p]!;
        const positions = searchedMatch(candidates, d.span, d.ordered ? lastOf : undefined);
        if (!positions || otherSense(d, s, c, concepts, positions.map((p, k) => [clause[p]!.at, clause[lastOf(k, p)]!.at]))) continue;
        const { asserted, cause } = matchContext(d, s, c, positions, lastOf, hits, compiled.context);
        if (!asserted || (first && !cause)) continue;
        const words = positions.map((p, k) => ({ start: clause[p]!.start, end: clause[lastOf(k, p)]!.end })).sort((x, y) => x.start - y.start);
        first = { ...span(clause, positions, lastOf), cause, sentence: { start: s.start, end: s.end }, words };
        if (cause) return first;
      }
    }
    return first;
  });
  return found(text, kinds, compiled, firstAt);
}
