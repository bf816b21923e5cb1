import { lineColumn } from "./lineColumn.js";
import { OffsetIndex } from "./offsetIndex.js";
import type { Path, Position } from "./sourceDoc.js";

/** Thrown when the text and the data do not line up; the caller keeps its other ways. */
const DECLINE = new Error("decline");
function decline(): never {
  throw DECLINE;
}

export type JsonPositions =
  | { kind: "positions"; locate(path: Path): Position | undefined }
  /** A key written twice in one object, where JSON.parse kept the last value only: `at` the second, `first` the first. */
  | { kind: "repeated"; key: string; at: Position; first: Position }
  | { kind: "declined" };

/**
 * Where each value of a JSON document starts, found in one pass over the text alongside the
 * data JSON.parse made of it. A walk per question is fine for a few positions, but a gate
 * on a large single-line export asks for hundreds of thousands, each scanning the line
 * from its start. Finds a key written twice in one object, which JSON.parse lets pass
 * (the last value wins) where YAML, and so the same data as a .yaml file, is refused.
 * Declines when anything does not line up with the data. One-line arrays of scalars are
 * left out, as the block reader leaves them out.
 */
export function jsonPositions(text: string, data: unknown): JsonPositions {
  const n = text.length;
  const index = new OffsetIndex(text.length >> 5);
  let scratch = new Int32Array(64);
  let top = 0;
  let i = 0;

  const reserve = (count: number): number => {
    const base = top;
    if (top + count > scratch.length) {
      const bigger = new Int32Array(Math.max(scratch.length * 2, top + count));
      bigger.set(scratch.subarray(0, top));
      scratch = bigger;
    }
    top += count;
    return base;
  };
  const space = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else return;
    }
  };
  /** Skips the string at i and returns its value. */
  const string = (): string => {
    const start = ++i;
    let plain = true;
    for (;;) {
      if (i >= n) decline();
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) {
        plain = false;
        i += 2;
      } else i++;
    }
    const raw = plain ? text.slice(start, i) : undefined;
    i++;
    return raw ?? (JSON.parse(text.slice(start - 1, i)) as string);
  };
  const scalar = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 44 || c === 93 || c === 125 || c === 32 || c === 10 || c === 13 || c === 9) return;
      i++;
    }
  };
  const value = (v: unknown): void => {
    space();
    const c = text.charCodeAt(i);
    if (c === 123) return object(v);
    if (c === 91) return array(v);
    if (c === 34) {
      string();
      return;
    }
    scalar();
  };
  const object = (v: unknown): void => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) decline();
    const keys = Object.keys(v);
    // Large mappings look keys up in a map, so a crafted file cannot make this quadratic.
    const where = keys.length > 32 ? new Map(keys.map((k, j) => [k, j])) : undefined;
    const base = reserve(keys.length);
    let entries = 0;
    i++;
    space();
    if (text.charCodeAt(i) === 125) i++;
    else {
      for (;;) {
        space();
        if (text.charCodeAt(i) !== 34) decline();
        // Keys usually come in the data's order: compare in place, without slicing the key.
        const next = keys[entries];
        let j: number;
        let key: string;
        if (next !== undefined && text.startsWith(next, i + 1) && text.charCodeAt(i + 1 + next.length) === 34 && !next.includes("\\") && !next.includes('"')) {
          j = entries;
          key = next;
          i += next.length + 2;
        } else {
          key = string();
          j = where ? (where.get(key) ?? -1) : keys.indexOf(key);
          if (j === -1) decline();
        }
        space();
        if (text.charCodeAt(i) !== 58) decline();
        i++;
        space();
        scratch[base + j] = i;
        entries++;
        value((v as Record<string, unknown>)[key]);
        space();
        const d = text.charCodeAt(i++);
        if (d === 125) break;
        if (d !== 44) decline();
      }
    }
    // Fewer keys than entries: a key was repeated, and its first value is not in the data.
    if (entries !== keys.length) decline();
    index.add(v, scratch, base, base + keys.length);
    top = base;
  };
  const array = (v: unknown): void => {
    if (!Array.isArray(v)) decline();
    const base = reserve(v.length);
    let k = 0;
    i++;
    space();
    if (text.charCodeAt(i) === 93) i++;
    else {
      for (;;) {
        if (k >= v.length) decline();
        space();
        scratch[base + k] = i;
        value(v[k++]);
        space();
        const d = text.charCodeAt(i++);
        if (d === 93) break;
        if (d !== 44) decline();
      }
    }
    if (k !== v.length) decline();
    if (v.some((x) => x !== null && typeof x === "object")) index.add(v, scratch, base, base + k);
    top = base;
  };

  const lineStarts = (): number[] => {
    const starts = [0];
    for (let j = text.indexOf("\n"); j !== -1; j = text.indexOf("\n", j + 1)) starts.push(j + 1);
    return starts;
  };
  try {
    space();
    const root = i;
    value(data);
    const starts = lineStarts();
    return { kind: "positions", locate: (path) => index.locate(data, root, starts, path) };
  } catch (e) {
    if (!(e === DECLINE || e instanceof RangeError || e instanceof SyntaxError)) throw e;
    // A repeated key makes the text and the data part (the first value is not in the data),
    // wherever in the first value that shows: the text is read again for keys alone.
    const repeat = firstRepeat(text);
    if (!repeat) return { kind: "declined" };
    const starts = lineStarts();
    return { kind: "repeated", key: repeat.key, at: lineColumn(starts, repeat.offset), first: lineColumn(starts, repeat.first) };
  }
}

/** The first key of valid JSON text that its object already has, with both keys' offsets. */
function firstRepeat(text: string): { key: string; offset: number; first: number } | undefined {
  // Per open container, the keys seen so far and where; null for an array.
  const open: Array<Map<string, number> | null> = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      let j = i + 1;
      let plain = true;
      for (let d = text.charCodeAt(j); d !== 34 && j < text.length; d = text.charCodeAt(j)) {
        if (d === 92) {
          plain = false;
          j += 2;
        } else j++;
      }
      if (expectKey) {
        const key = plain ? text.slice(i + 1, j) : (JSON.parse(text.slice(i, j + 1)) as string);
        const keys = open[open.length - 1]!;
        const first = keys.get(key);
        if (first !== undefined) return { key, offset: i, first };
        keys.set(key, i);
        expectKey = false;
      }
      i = j;
    } else if (c === 123) {
      open.push(new Map());
      expectKey = true;
    } else if (c === 91) open.push(null);
    else if (c === 125 || c === 93) open.pop();
    else if (c === 44) expectKey = open[open.length - 1] != null;
  }
  return undefined;
}
