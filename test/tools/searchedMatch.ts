/**
 * The depth-first search the phrase detector used before firstMatch, kept as the reference
 * the linear version is held to: one position per term, all different, within `span`; with
 * `lastOf` (an ordered phrase), each after the last word the term before covers.
 */
export function searchedMatch(candidates: readonly (readonly number[])[], span: number, lastOf?: (k: number, p: number) => number): number[] | undefined {
  if (candidates.some((c) => c.length === 0)) return undefined;
  const chosen: number[] = [];
  const search = (k: number, lo: number, hi: number): boolean => {
    if (k === candidates.length) return true;
    for (const i of candidates[k]!) {
      const nlo = Math.min(lo, i);
      const nhi = Math.max(hi, i);
      if (nhi - nlo > span || chosen.includes(i)) continue;
      if (lastOf && k > 0 && i <= lastOf(k - 1, chosen[k - 1]!)) continue;
      chosen.push(i);
      if (search(k + 1, nlo, nhi)) return true;
      chosen.pop();
    }
    return false;
  };
  return search(0, Infinity, -Infinity) ? chosen : undefined;
}
