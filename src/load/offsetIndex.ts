import { lineColumn } from "./lineColumn.js";
import type { Path, Position } from "./sourceDoc.js";

/**
 * Where the values of each list and mapping of a document start in its text, kept while a
 * reader walks the text once: each container maps to the first of its values' offsets in
 * one pool (key or index order, -1 where unknown), which keeps a million entries at a few
 * bytes each.
 */
export class OffsetIndex {
  private readonly offsets = new Map<object, number>();
  private pool: Int32Array;
  private used = 0;

  constructor(capacity: number) {
    this.pool = new Int32Array(Math.max(64, capacity));
  }

  /** Records the offsets of a container's values, in key or index order: `from[start..end)`. */
  add(container: object, from: Int32Array, start: number, end: number): void {
    const n = end - start;
    if (this.used + n > this.pool.length) {
      const bigger = new Int32Array(Math.max(this.pool.length * 2, this.used + n));
      bigger.set(this.pool.subarray(0, this.used));
      this.pool = bigger;
    }
    this.offsets.set(container, this.used);
    // Containers hold a handful of values: a loop beats making a subarray for each.
    const pool = this.pool;
    let at = this.used;
    for (let i = start; i < end; i++) pool[at++] = from[i]!;
    this.used = at;
  }

  /**
   * As the exact parser answers: where the value at `path` starts, or where its nearest
   * existing ancestor does; undefined when a container on the way was not recorded.
   */
  locate(data: unknown, rootOffset: number, lineStarts: readonly number[], path: Path): Position | undefined {
    const found = this.find(data, rootOffset, path);
    return found && lineColumn(lineStarts, found.offset);
  }

  /**
   * The offset `locate` answers with, and how many segments of `path` were followed to it.
   * `fill`, when given, may record a container met on the way that was not recorded (a list
   * of scalars, left out to save memory); it says whether it did.
   */
  find(data: unknown, rootOffset: number, path: Path, fill?: (container: object, offset: number) => boolean): { offset: number; depth: number } | undefined {
    let value = data;
    let offset = rootOffset;
    let depth = 0;
    for (const seg of path) {
      if (value === null || typeof value !== "object") break;
      let start = this.offsets.get(value);
      if (start === undefined && fill?.(value, offset)) start = this.offsets.get(value);
      if (start === undefined) return undefined;
      let i: number;
      if (Array.isArray(value)) {
        if (typeof seg !== "number" || seg >= value.length) break;
        i = seg;
      } else {
        if (typeof seg !== "string" || !Object.hasOwn(value, seg)) break;
        i = Object.keys(value).indexOf(seg);
      }
      offset = this.pool[start + i]!;
      if (offset < 0) return undefined;
      value = (value as Record<string | number, unknown>)[seg];
      depth++;
    }
    return { offset, depth };
  }
}
