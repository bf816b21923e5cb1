import { pushTo } from "../engine/pushTo.js";
import { subjectMatcher } from "./matchSubject.js";

interface Glob {
  index: number;
  match: (subject: string) => boolean;
}

/**
 * One rule's waivers: exact subjects by name; globs by the literal text before or after
 * their stars, or, when both are shorter than a trigram, by a trigram of a literal piece
 * between stars (`*:id-12*`), which any subject it matches contains.
 */
interface RuleWaivers {
  exact: Map<string, number[]>;
  byHead: Map<string, Glob[]>;
  byTail: Map<string, Glob[]>;
  byTrigram: Map<string, Glob[]>;
  headLengths: number[];
  tailLengths: number[];
}

const TRIGRAM = 3;
const lengths = (keys: Iterable<string>) => [...new Set([...keys].map((k) => k.length))].sort((a, b) => a - b);

function indexGlob(r: RuleWaivers, subject: string, glob: Glob): void {
  const pieces = subject.split("*");
  const head = pieces[0]!;
  const tail = pieces[pieces.length - 1]!;
  const middle = pieces.slice(1, -1).reduce((longest, p) => (p.length > longest.length ? p : longest), "");
  if (Math.max(head.length, tail.length) < TRIGRAM && middle.length >= TRIGRAM) pushTo(r.byTrigram, middle.slice(-TRIGRAM), glob);
  else if (head.length >= tail.length) pushTo(r.byHead, head, glob);
  else pushTo(r.byTail, tail, glob);
}

/**
 * Which waivers match a finding, by position in `waivers`, ascending. A finding looks up its
 * rule, then its subject among the exact subjects, the globs whose literal start (or end)
 * its subject starts (ends) with, one lookup per distinct length of those, and the globs
 * keyed by one of its trigrams: the cost is about findings + waivers, where trying every
 * waiver on every finding cost their product. Each glob found is then matched in full.
 */
export function waiverIndex(waivers: ReadonlyArray<{ rule: string; subject: string }>): (rule: string, subject: string) => number[] {
  const byRule = new Map<string, RuleWaivers>();
  waivers.forEach((w, index) => {
    let r = byRule.get(w.rule);
    if (!r) byRule.set(w.rule, (r = { exact: new Map(), byHead: new Map(), byTail: new Map(), byTrigram: new Map(), headLengths: [], tailLengths: [] }));
    if (w.subject.includes("*")) indexGlob(r, w.subject, { index, match: subjectMatcher(w.subject) });
    else pushTo(r.exact, w.subject, index);
  });
  for (const r of byRule.values()) {
    r.headLengths = lengths(r.byHead.keys());
    r.tailLengths = lengths(r.byTail.keys());
  }
  return (rule, subject) => {
    const r = byRule.get(rule);
    if (!r) return [];
    const out = [...(r.exact.get(subject) ?? [])];
    const found = (globs: readonly Glob[] | undefined) => {
      for (const g of globs ?? []) if (g.match(subject)) out.push(g.index);
    };
    for (const n of r.headLengths) {
      if (n > subject.length) break;
      found(r.byHead.get(subject.slice(0, n)));
    }
    for (const n of r.tailLengths) {
      if (n > subject.length) break;
      found(r.byTail.get(subject.slice(subject.length - n)));
    }
    if (r.byTrigram.size) {
      // A subject holding a trigram twice would find its globs twice.
      const seen = new Set<string>();
      for (let i = 0; i + TRIGRAM <= subject.length; i++) {
        const key = subject.slice(i, i + TRIGRAM);
        if (!seen.has(key)) found(r.byTrigram.get(key));
        seen.add(key);
      }
    }
    return out.length > 1 ? out.sort((a, b) => a - b) : out;
  };
}
