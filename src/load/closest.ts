import { compareStrings } from "../engine/compare.js";
/** Edit distance with a cut-off, so a long candidate list stays cheap. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

const MAX_WORD = 200;

/**
 * The known words nearest to `word`, best first: those within a third of its length
 * in edits, or that contain it / are contained in it (`retry` → `repeated-retries`).
 */
export function closest(word: string, known: Iterable<string>, limit = 3): string[] {
  // Edit distance is quadratic: nobody mistypes a 100 KB id, and comparing one would hang.
  if (word.length > MAX_WORD) return [];
  const w = word.toLowerCase();
  const max = Math.max(1, Math.floor(w.length / 3));
  const scored: Array<[string, number]> = [];
  for (const k of known) {
    const kl = k.toLowerCase();
    let d = editDistance(w, kl, max);
    if (d > max && w.length >= 4 && (kl.includes(w) || w.includes(kl))) d = max;
    // Replacing most of a short word is not a suggestion, just noise.
    if (d <= max && d < w.length) scored.push([k, d]);
  }
  scored.sort((x, y) => x[1] - y[1] || compareStrings(x[0], y[0]));
  return scored.slice(0, limit).map(([k]) => k);
}

export function didYouMean(word: string, known: Iterable<string>): string {
  const c = closest(word, known);
  if (c.length === 0) return "";
  return `; did you mean ${c.map((x) => `"${x}"`).join(" or ")}?`;
}
