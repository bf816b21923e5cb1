import { lineColumn, lineStarts } from "./lineColumn.js";
import type { Position } from "./sourceDoc.js";

export interface DuplicateKey {
  key: string;
  /** The repeated key's opening quote. */
  at: Position;
  /** The line of the key's first appearance in the same object. */
  firstLine: number;
}

/**
 * The keys a JSON text repeats inside one object, in the order of the text, at most `limit`:
 * JSON.parse keeps the last value of each, where YAML (which reads JSON too) refuses the
 * file, as the exact parser would. One pass without recursion over a text JSON.parse read.
 */
export function jsonDuplicateKeys(text: string, limit: number): DuplicateKey[] {
  const starts = lineStarts(text);
  const out: DuplicateKey[] = [];
  // One frame per open object (its keys, with where each first was) or list (null).
  const stack: Array<{ keys: Map<string, number>; key: boolean } | null> = [];
  for (let i = 0; i < text.length && out.length < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 123) stack.push({ keys: new Map(), key: true });
    else if (c === 91) stack.push(null);
    else if (c === 125 || c === 93) stack.pop();
    else if (c === 44) {
      const top = stack.at(-1);
      if (top) top.key = true;
    } else if (c === 34) {
      const start = i;
      let plain = true;
      for (i++; text.charCodeAt(i) !== 34; i++) {
        if (text.charCodeAt(i) === 92) {
          plain = false;
          i++;
        }
      }
      const top = stack.at(-1);
      if (!top?.key) continue;
      top.key = false;
      const key = plain ? text.slice(start + 1, i) : (JSON.parse(text.slice(start, i + 1)) as string);
      const first = top.keys.get(key);
      if (first === undefined) top.keys.set(key, start);
      else out.push({ key, at: lineColumn(starts, start), firstLine: lineColumn(starts, first).line });
    }
  }
  return out;
}
