import { pushTo } from "../engine/pushTo.js";
import { subjectMatcher } from "./matchSubject.js";

interface Glob {
  index: number;
  match: (subject: string) => boolean;
}

/** One rule's waivers: exact subjects by name, globs by the literal text before or after their stars. */
interface RuleWaivers {
  exact: Map<string, number[]>;
  byHead: Map<string, Glob[]>;
  byTail: Map<string, Glob[]>;
  headLengths: number[];
  tailLengths: number[];
}

const lengths = (keys: Iterable<string>) => [...new Set([...keys].map((k) => k.length))].sort((a, b) => a - b);

/**
 * Which waivers match a finding, by position in `waivers`, ascending. A finding looks up its
 * rule, then its subject among the exact subjects, then the globs whose literal start (or
 * end, when that is longer) its subject starts (ends) with, one lookup per distinct length
 * of those: the cost is about findings + waivers, where trying every waiver on every finding
 * cost their product. Each glob found is then matched in full (subjectMatcher).
 */
export function waiverIndex(waivers: ReadonlyArray<{ rule: string; subject: string }>): (rule: string, subject: string) => number[] {
  const byRule = new Map<string, RuleWaivers>();
  waivers.forEach((w, index) => {
    let r = byRule.get(w.rule);
    if (!r) byRule.set(w.rule, (r = { exact: new Map(), byHead: new Map(), byTail: new Map(), headLengths: [], tailLengths: [] }));
    const first = w.subject.indexOf("*");
    if (first === -1) return pushTo(r.exact, w.subject, index);
    const head = w.subject.slice(0, first);
    const tail = w.subject.slice(w.subject.lastIndexOf("*") + 1);
    const glob = { index, match: subjectMatcher(w.subject) };
    if (head.length >= tail.length) pushTo(r.byHead, head, glob);
    else pushTo(r.byTail, tail, glob);
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
    return out.length > 1 ? out.sort((a, b) => a - b) : out;
  };
}
