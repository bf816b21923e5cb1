/** Counts the elementary steps of a search, so a test can show the work grows with the input. */
export interface Meter {
  steps: number;
}

/** The first index of sorted `list` whose value is at least `x`. */
function lowerBound(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Whether every term without a position in `fixed` (-1) can take one of its candidates in
 * [lo, hi], each a different position and none a fixed one: a bipartite matching, found by
 * augmenting paths. Phrases have at most six terms and windows a few words, so it is small.
 */
function completes(candidates: readonly (readonly number[])[], fixed: readonly number[], lo: number, hi: number, meter: Meter): boolean {
  const owner = new Map<number, number>();
  for (const p of fixed) {
    if (p < 0) continue;
    if (p < lo || p > hi) return false;
    owner.set(p, -1);
  }
  const augment = (k: number, seen: Set<number>): boolean => {
    const list = candidates[k]!;
    for (let j = lowerBound(list, lo); j < list.length && list[j]! <= hi; j++) {
      meter.steps++;
      const p = list[j]!;
      if (seen.has(p)) continue;
      seen.add(p);
      const o = owner.get(p);
      if (o === undefined || (o >= 0 && augment(o, seen))) {
        owner.set(p, k);
        return true;
      }
    }
    return false;
  };
  for (let k = 0; k < candidates.length; k++) if (fixed[k]! < 0 && !augment(k, new Set())) return false;
  return true;
}

/** Every position of the sorted lists once, ascending: a merge, without a copy of them all. */
function* positions(lists: readonly (readonly number[])[]): Generator<number> {
  const at = new Array<number>(lists.length).fill(0);
  for (;;) {
    let next = Infinity;
    for (let k = 0; k < lists.length; k++) next = Math.min(next, lists[k]![at[k]!] ?? Infinity);
    if (next === Infinity) return;
    for (let k = 0; k < lists.length; k++) if (lists[k]![at[k]!] === next) at[k]!++;
    yield next;
  }
}

/** Whether the partial choice `fixed` (spanning [min, max]) fits some window of `span` with the other terms. */
function fits(candidates: readonly (readonly number[])[], fixed: readonly number[], min: number, max: number, span: number, meter: Meter): boolean {
  for (let lo = max - span; lo <= min; lo++) if (completes(candidates, fixed, lo, lo + span, meter)) return true;
  return false;
}

/**
 * One position per term, all different and within `span` of each other, chosen from each
 * term's sorted candidates: the first choice in the order a depth-first search over the
 * terms finds it, i.e. the smallest in lexicographic order (every rule of a valid choice
 * also holds for each part of it, so the search only backtracks out of dead ends). Found
 * without the search, whose dead ends multiply with the candidates: the smallest first
 * position comes from one pass over the candidates with a window, then each next term takes
 * its smallest candidate that still leaves a completion. Work is linear in the candidates.
 */
export function firstMatch(candidates: readonly (readonly number[])[], span: number, meter: Meter = { steps: 0 }): number[] | undefined {
  const m = candidates.length;
  if (m === 0 || candidates.some((c) => c.length === 0)) return undefined;
  // The smallest position of a valid choice is a candidate: windows start at each one.
  const next = new Array<number>(m).fill(0);
  const none = new Array<number>(m).fill(-1);
  const first = candidates[0]!;
  let best = Infinity;
  for (const lo of positions(candidates)) {
    if (lo >= best) break;
    const hi = lo + span;
    let present = true;
    for (let k = 0; k < m; k++) {
      const list = candidates[k]!;
      let j = next[k]!;
      while (j < list.length && list[j]! < lo) {
        meter.steps++;
        j++;
      }
      next[k] = j;
      if (j === list.length || list[j]! > hi) present = false;
    }
    meter.steps++;
    if (!present || !completes(candidates, none, lo, hi, meter)) continue;
    for (let j = next[0]!; j < first.length && first[j]! <= hi && first[j]! < best; j++) {
      const fixed = none.slice();
      fixed[0] = first[j]!;
      if (completes(candidates, fixed, lo, hi, meter)) {
        best = first[j]!;
        break;
      }
    }
  }
  if (best === Infinity) return undefined;
  const fixed = none.slice();
  fixed[0] = best;
  let min = best;
  let max = best;
  for (let k = 1; k < m; k++) {
    const list = candidates[k]!;
    for (let j = lowerBound(list, max - span); j < list.length && list[j]! <= min + span; j++) {
      const p = list[j]!;
      if (fixed.includes(p)) continue;
      fixed[k] = p;
      if (fits(candidates, fixed, Math.min(min, p), Math.max(max, p), span, meter)) break;
      fixed[k] = -1;
    }
    // The choice so far had a completion, so some candidate of this term keeps one.
    min = Math.min(min, fixed[k]!);
    max = Math.max(max, fixed[k]!);
  }
  return fixed;
}
