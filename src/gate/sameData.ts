/**
 * Structural equality of parsed inventory data (plain objects, arrays, scalars). It runs on
 * every record of both inventories, so equal references are skipped without a call, and keys
 * are counted rather than listed: parsed data are plain objects, whose `for…in` lists only
 * their own keys.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const x: unknown = a[i];
      const y: unknown = b[i];
      if (x !== y && !sameData(x, y)) return false;
    }
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let n = 0;
  for (const k in ra) {
    n++;
    const x = ra[k];
    const y = rb[k];
    if (x === y) {
      // `undefined` on both sides may be a key missing from b.
      if (y === undefined && !Object.hasOwn(rb, k)) return false;
    } else if (!sameData(x, y)) return false;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- only counted
  for (const _ in rb) n--;
  return n === 0;
}
