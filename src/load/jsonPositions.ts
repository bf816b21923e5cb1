import { lineColumn, lineStarts } from "./lineColumn.js";
import { OffsetIndex } from "./offsetIndex.js";
import type { Path, Position } from "./sourceDoc.js";

/** Thrown when the text and the data do not line up; the caller keeps its other ways. */
const DECLINE = new Error("decline");
function decline(): never {
  throw DECLINE;
}

export interface JsonPositions {
  /** Where the value at a path starts, or its nearest existing ancestor. */
  locate(path: Path): Position | undefined;
  /** Where the key holding a path starts (the value's position for a list item). */
  locateKey(path: Path): Position | undefined;
}

/**
 * Where each value of a JSON document starts, found in one pass over the text alongside the
 * data JSON.parse made of it. A walk per question is fine for a few positions, but a gate
 * on a large single-line export asks for hundreds of thousands, each scanning the line
 * from its start; and the exact parser, the other way, takes some 70 bytes of memory per
 * byte of text. Returns undefined (and the caller falls back to the walk and the exact
 * parser) when the text repeats a key, or when anything does not line up with the data.
 * Lists of scalars are recorded only when asked about, as most never are.
 */
export function jsonPositions(text: string, data: unknown): JsonPositions | undefined {
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
  const array = (v: unknown, always = false): void => {
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
    if (always || v.some((x) => x !== null && typeof x === "object")) index.add(v, scratch, base, base + k);
    top = base;
  };

  try {
    space();
    const root = i;
    value(data);
    const starts = lineStarts(text);
    /** Records a list of scalars once something inside it is asked for: one scan of the list. */
    const fill = (list: object, at: number): boolean => {
      if (!Array.isArray(list) || text.charCodeAt(at) !== 91) return false;
      i = at;
      try {
        array(list, true);
      } catch (e) {
        if (e === DECLINE) return false;
        throw e;
      }
      return true;
    };
    const find = (path: Path) => index.find(data, root, path, fill);
    return {
      locate: (path) => {
        const found = find(path);
        return found && lineColumn(starts, found.offset);
      },
      locateKey: (path) => {
        const found = find(path);
        if (!found) return undefined;
        const key = found.depth === path.length && typeof path.at(-1) === "string" ? keyBefore(text, found.offset) : found.offset;
        return key === undefined ? undefined : lineColumn(starts, key);
      },
    };
  } catch (e) {
    if (e === DECLINE || e instanceof RangeError || e instanceof SyntaxError) return undefined;
    throw e;
  }
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** Where the key whose value starts at `value` starts: its opening quote, found backwards past the colon. */
function keyBefore(text: string, value: number): number | undefined {
  let j = value - 1;
  while (j >= 0 && isSpace(text.charCodeAt(j))) j--;
  if (text.charCodeAt(j) !== 58) return undefined;
  j--;
  while (j >= 0 && isSpace(text.charCodeAt(j))) j--;
  if (text.charCodeAt(j) !== 34) return undefined;
  // The first quote before it that no odd run of backslashes escapes.
  for (let k = text.lastIndexOf('"', j - 1); k >= 0; k = text.lastIndexOf('"', k - 1)) {
    let slashes = 0;
    while (text.charCodeAt(k - 1 - slashes) === 92) slashes++;
    if (slashes % 2 === 0) return k;
  }
  return undefined;
}
