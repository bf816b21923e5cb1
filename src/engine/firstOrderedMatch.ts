import type { Meter } from "./firstMatch.js";

/** The first index of sorted `list` whose value is above `x`. */
function above(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * One position per term, each after the last word the term before covers (`lastOf`), all
 * within `span` of the first: for the first term's candidates in turn, each next term takes
 * its earliest candidate after the one before, which ends the choice as early as any can.
 * The first choice found is the one starting earliest.
 */
export function firstOrderedMatch(candidates: readonly (readonly number[])[], span: number, lastOf: (k: number, p: number) => number, meter: Meter = { steps: 0 }): number[] | undefined {
  if (candidates.length === 0 || candidates.some((c) => c.length === 0)) return undefined;
  for (const start of candidates[0]!) {
    const chosen = [start];
    for (let k = 1; k < candidates.length; k++) {
      meter.steps++;
      const list = candidates[k]!;
      const j = above(list, lastOf(k - 1, chosen[k - 1]!));
      if (j === list.length || list[j]! > start + span) break;
      chosen.push(list[j]!);
    }
    if (chosen.length === candidates.length) return chosen;
  }
  return undefined;
}
