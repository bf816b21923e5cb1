import type { LoadedIncident } from "./loadIncident.js";
import { lineColumn, lineStarts } from "./lineColumn.js";
import type { Position } from "./sourceDoc.js";
import { TextMapBuilder, type TextMap } from "./textMap.js";

type Field = "title" | "description";

/** Where a symptom's matched words are in the file: each word, and the stretch from the first to the last. */
export interface WordsAt {
  kind: "words";
  file: string;
  start: Position;
  end: Position;
  words: Array<{ start: Position; end: Position }>;
}

/** A field's position, for words that cannot be placed exactly. */
export interface FieldAt {
  kind: "field";
  file: string;
  start: Position;
}

const maps = new WeakMap<LoadedIncident, Map<Field, TextMap | undefined>>();

/**
 * Where the words `[start, end)` of an incident's title or description are in its file.
 * A ticket's loader kept the way back from each character; a YAML or JSON incident's scalar
 * is aligned to its source here. A word is placed only when each of its characters lies in
 * the file, in order, as it reads in the text; otherwise the field's own position is given,
 * never a guess.
 */
export function locateWords(loaded: LoadedIncident, source: string, field: Field, matches: ReadonlyArray<{ start: number; end: number }>): WordsAt | FieldAt | undefined {
  const value = loaded.incident[field];
  if (value === undefined) return undefined;
  const at = loaded.doc.locate([field]);
  const fallback: FieldAt | undefined = at ? { kind: "field", file: loaded.file, start: at } : undefined;
  if (matches.length === 0) return fallback;
  const map = fieldMap(loaded, source, field, value);
  if (!map) return fallback;
  const words: WordsAt["words"] = [];
  for (const m of matches) {
    const w = placed(map, source, m.start, m.end);
    if (!w) return fallback;
    words.push(w);
  }
  return { kind: "words", file: loaded.file, start: words[0]!.start, end: words.reduce((e, w) => (w.end.line > e.line || (w.end.line === e.line && w.end.column > e.column) ? w.end : e), words[0]!.end), words };
}

function fieldMap(loaded: LoadedIncident, source: string, field: Field, value: string): TextMap | undefined {
  let byField = maps.get(loaded);
  if (!byField) maps.set(loaded, (byField = new Map()));
  if (!byField.has(field)) {
    const ticketMap = loaded.ticket?.[field];
    const pos = loaded.doc.locate([field]);
    byField.set(field, loaded.ticket ? (ticketMap?.text === value ? ticketMap : undefined) : pos ? alignScalar(value, source, offsetOf(source, pos)) : undefined);
  }
  return byField.get(field);
}

function offsetOf(source: string, p: Position): number {
  return (lineStarts(source)[p.line - 1] ?? source.length) + p.column - 1;
}

/** What a scalar's source may hold between its value's characters: folding and indentation, quotes, escapes' backslashes. */
const BETWEEN = /[\s"'\\]/;
/** And before its first character: a block scalar's indicators. */
const BEFORE = /[\s"'\\>|+\-0-9]/;

/**
 * A YAML or JSON string scalar's value, character by character, to its source from `from`
 * (where the value starts). Only what a scalar's syntax puts between characters is stepped
 * over; at the first character that cannot be found so (a decoded escape, a redaction
 * marker), the rest stays unplaced.
 */
function alignScalar(value: string, source: string, from: number): TextMap {
  const b = new TextMapBuilder(source);
  let at = from;
  let lost = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (!lost) {
      const skip = i === 0 ? BEFORE : BETWEEN;
      let j = at;
      while (j < source.length && source[j] !== c && skip.test(source[j]!)) j++;
      if (source[j] === c) {
        b.copy(c, j);
        at = j + 1;
        continue;
      }
      lost = true;
    }
    b.stand(c, -1);
  }
  return b.build({ keep: true });
}

/** The word's place when every character of it is the file's own, in order. */
function placed(map: TextMap, source: string, start: number, end: number): { start: Position; end: Position } | undefined {
  if (start < 0 || end > map.text.length || start >= end) return undefined;
  let prev = -1;
  for (let i = start; i < end; i++) {
    const o = map.fileOffset(i);
    const c = map.text[i]!;
    if (o < 0 || o <= prev || (/\s/.test(c) ? !/\s/.test(source[o] ?? "") : source[o] !== c)) return undefined;
    prev = o;
  }
  const starts = map.lineStarts;
  return { start: lineColumn(starts, map.fileOffset(start)), end: lineColumn(starts, map.fileOffset(end - 1) + 1) };
}
