import { coreScalar } from "./coreSchema.js";
import { OffsetIndex } from "./offsetIndex.js";
import type { Path, Position } from "./sourceDoc.js";

/** Data read by the one-pass reader, with the start of every value it read. */
export interface BlockYaml {
  data: unknown;
  locate(path: Path): Position | undefined;
}

// js-yaml refuses these; the reader leaves such files to it so the error keeps its words.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

// Printable ASCII and line ends need no closer look.
const UNUSUAL = /[^\n\r\x20-\x7e]/;

/** Slots of the tables of repeated strings, and the longest string kept in them. */
const SLOTS = 8192;
const MAX_CACHED = 40;
const slotOf = (h: number, len: number, mask: number) => (h ^ (h >>> 13) ^ Math.imul(len, 0x9e3779b1)) & mask;

/** Deeper nesting goes the general way, which words the limit (64, parseYaml.ts). */
const MAX_DEPTH = 60;
// Keys whose object property would not keep its place or meaning, or that reach a prototype.
const REFUSED_KEYS = new Set(["__proto__", "constructor", "prototype", "<<", ""]);

/** Thrown when the text leaves the subset; the caller then takes the general path. */
class OutOfSubset extends Error {}
const OUT = new OutOfSubset();
function out(): never {
  throw OUT;
}

function charTable(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (const c of chars) t[c.charCodeAt(0)] = 1;
  return t;
}

const SP = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const NL = 10;
const CR = 13;
const isFlowIndicator = (c: number) => c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
// A plain scalar may not start with these (YAML 1.2 §7.3.3); quotes and flow starts are read separately.
const NOT_PLAIN_START = charTable("#&*!|>%@`,]}");
const notPlainStart = (c: number) => c < 128 && NOT_PLAIN_START[c] === 1;
function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return s !== "";
}

/**
 * Reads the block-style YAML subset that inventories are written in — block mappings and
 * sequences, one-line plain or quoted scalars, one-line flow collections, comments — in
 * one pass, keeping where each value starts, so that positions cost nothing later. Any
 * other construct (block scalars, multi-line scalars, anchors, tags, tabs, documents
 * markers, duplicate or non-string keys) returns undefined and the caller takes the
 * general path: this reader never gives a file a second meaning, it only declines it.
 * A test checks data and every position against the exact `yaml` parser.
 */
export function readBlockYaml(text: string): BlockYaml | undefined {
  if (text.charCodeAt(0) === 0xfeff || text.includes("\t") || (UNUSUAL.test(text) && NON_PRINTABLE.test(text))) return undefined;
  for (let i = text.indexOf("\r"); i !== -1; i = text.indexOf("\r", i + 1)) if (text.charCodeAt(i + 1) !== NL) return undefined;
  try {
    return new Reader(text).read();
  } catch (e) {
    if (e === OUT || e instanceof RangeError) return undefined;
    throw e;
  }
}

class Reader {
  private readonly text: string;
  private readonly lineStarts: number[] = [];
  /**
   * Where each container's values start. One-line lists of scalars are left out: a finding
   * points at the list, whose start its parent records, and anything inside is found by
   * the text walk.
   */
  private readonly index: OffsetIndex;
  /**
   * Short scalars and keys repeat (kinds, teams, dates, field names): the last string read
   * for each hash slot is kept, and a text that matches it is not sliced again. That keeps
   * one string per repeated value without hashing each one into a Map. Keys have their own
   * table, since a cached key has also passed the key checks.
   */
  private readonly values: Array<string | undefined>;
  private readonly keys: Array<string | undefined>;
  /** SLOTS, or fewer for a small file: a batch reads thousands of tickets. */
  private readonly slotMask: number;
  private line = 0;
  /** Current line: start, end (before CR LF) and first content offset (-1 when none). */
  private start = 0;
  private end = 0;
  private content = -1;
  /** Lists and mappings open around the current value. */
  private depth = 0;
  /** Where the value last read by `inline` ends. */
  private next = 0;

  constructor(text: string) {
    this.text = text;
    // About one value per 16 characters; the pool grows if that is short.
    this.index = new OffsetIndex(text.length >> 4);
    let slots = 64;
    while (slots < SLOTS && slots * 16 < text.length) slots *= 2;
    this.values = new Array<string | undefined>(slots);
    this.keys = new Array<string | undefined>(slots);
    this.slotMask = slots - 1;
    for (let i = 0; ; ) {
      this.lineStarts.push(i);
      const n = text.indexOf("\n", i);
      if (n === -1) break;
      i = n + 1;
    }
  }

  read(): BlockYaml {
    this.seekLine(0);
    this.skipEmpty();
    if (this.content === -1) out();
    const rootOffset = this.content;
    const data = this.node(this.content - this.start, true);
    this.skipEmpty();
    if (this.content !== -1) out();
    return { data, locate: (path) => this.index.locate(data, rootOffset, this.lineStarts, path) };
  }




  private seekLine(line: number): void {
    this.line = line;
    if (line >= this.lineStarts.length) {
      this.start = this.end = this.text.length;
      this.content = -1;
      return;
    }
    const t = this.text;
    this.start = this.lineStarts[line]!;
    let end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1]! - 1 : t.length;
    if (end > this.start && t.charCodeAt(end - 1) === CR) end--;
    this.end = end;
    let i = this.start;
    while (i < end && t.charCodeAt(i) === SP) i++;
    this.content = i < end && t.charCodeAt(i) !== HASH ? i : -1;
    if (this.content === this.start && (t.startsWith("---", i) || t.startsWith("...", i) || t.charCodeAt(i) === 37)) out();
  }

  /** Moves to the next line with content (or the end); blank and comment lines are skipped. */
  private skipEmpty(): void {
    while (this.content === -1 && this.line < this.lineStarts.length) this.seekLine(this.line + 1);
  }

  private nextLine(): void {
    this.seekLine(this.line + 1);
    this.skipEmpty();
  }

  /**
   * nextLine after a key or `-` with nothing after it. A comment between it and its value
   * written `#text`, with no space, makes the exact parser misread the value (parseYaml.ts
   * refuses it): such a file is left to the general path.
   */
  private nextLineAfterEmpty(): void {
    this.seekLine(this.line + 1);
    while (this.content === -1 && this.line < this.lineStarts.length) {
      let i = this.start;
      while (i < this.end && this.text.charCodeAt(i) === SP) i++;
      if (this.text.charCodeAt(i) === HASH && i + 1 < this.end && this.text.charCodeAt(i + 1) !== SP) out();
      this.seekLine(this.line + 1);
    }
  }

  /** The column of the current line's content, or -1 at the end. */
  private indent(): number {
    return this.content === -1 ? -1 : this.content - this.start;
  }

  private isDash(at: number): boolean {
    const t = this.text;
    if (t.charCodeAt(at) !== DASH) return false;
    const n = at + 1;
    return n >= this.end || t.charCodeAt(n) === SP;
  }

  /** A block node whose first line's content starts at `this.content`, at column `col`. */
  private node(col: number, atLineStart: boolean): unknown {
    if (++this.depth > MAX_DEPTH) out();
    try {
      return this.blockNode(col, atLineStart);
    } finally {
      this.depth--;
    }
  }

  private blockNode(col: number, atLineStart: boolean): unknown {
    const at = this.content;
    if (this.isDash(at)) return this.sequence(col);
    if (this.keyEnd(at) !== -1) return this.mapping(col, at);
    // A lone scalar or flow collection on its own line: only as a whole document.
    if (!atLineStart) out();
    const value = this.inline(at, false);
    this.endOfLine(this.next);
    this.nextLine();
    return value;
  }

  private sequence(col: number): unknown[] {
    const list: unknown[] = [];
    const base = this.top;
    const t = this.text;
    for (;;) {
      let i = this.content + 1;
      while (i < this.end && t.charCodeAt(i) === SP) i++;
      if (i >= this.end || (t.charCodeAt(i) === HASH && t.charCodeAt(i - 1) === SP)) {
        // `-` alone: the item is on the following lines, or null.
        this.nextLineAfterEmpty();
        if (this.indent() > col) {
          this.push(this.content);
          list.push(this.node(this.indent(), true));
        } else {
          this.push(-1);
          list.push(null);
        }
      } else if (this.isDash(i)) {
        out();
      } else if (this.keyEnd(i) !== -1) {
        this.push(i);
        list.push(this.mapping(i - this.start, i));
      } else {
        const value = this.inline(i, false);
        this.endOfLine(this.next);
        this.push(i);
        list.push(value);
        this.nextLine();
      }
      const ind = this.indent();
      if (ind === col && this.isDash(this.content)) continue;
      if (ind > col) out();
      this.record(list, base);
      return list;
    }
  }

  /** A block mapping whose keys sit at column `col`; the first key starts at `first`, maybe mid-line. */
  private mapping(col: number, first: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    const base = this.top;
    const t = this.text;
    let at = first;
    for (;;) {
      const colon = this.keyEnd(at);
      if (colon === -1) out();
      const key = this.key(at, colon);
      if (Object.hasOwn(map, key)) out();
      let i = colon + 1;
      while (i < this.end && t.charCodeAt(i) === SP) i++;
      if (i >= this.end || (t.charCodeAt(i) === HASH && t.charCodeAt(i - 1) === SP)) {
        this.nextLineAfterEmpty();
        const ind = this.indent();
        if (ind > col || (ind === col && this.isDash(this.content))) {
          this.push(this.content);
          map[key] = this.node(ind, true);
        } else {
          this.push(-1);
          map[key] = null;
        }
      } else {
        const value = this.inline(i, false);
        this.endOfLine(this.next);
        this.push(i);
        map[key] = value;
        this.nextLine();
      }
      const ind = this.indent();
      if (ind === col && !this.isDash(this.content)) {
        at = this.content;
        continue;
      }
      if (ind > col) out();
      this.record(map, base);
      return map;
    }
  }

  /** The offset of the colon ending a key that starts at `at`, or -1 when no key starts there. */
  private keyEnd(at: number): number {
    const t = this.text;
    const c = t.charCodeAt(at);
    if (c === 34 || c === 39) {
      const close = this.quoteEnd(at);
      let j = close + 1;
      while (j < this.end && t.charCodeAt(j) === SP) j++;
      return t.charCodeAt(j) === COLON && (j + 1 >= this.end || t.charCodeAt(j + 1) === SP) ? j : -1;
    }
    if (c === 91 || c === 123 || c === 63 || notPlainStart(c) || this.isDash(at)) return -1;
    for (let i = at; i < this.end; i++) {
      const ch = t.charCodeAt(i);
      if (ch === COLON && (i + 1 >= this.end || t.charCodeAt(i + 1) === SP)) return i;
      if (ch === HASH && t.charCodeAt(i - 1) === SP) return -1;
    }
    return -1;
  }

  private key(at: number, colon: number): string {
    const t = this.text;
    const c = t.charCodeAt(at);
    let key: string;
    if (c === 34 || c === 39) {
      const close = this.quoteEnd(at);
      key = this.quoted(at, close);
    } else {
      let h = 0;
      for (let i = at; i < colon; i++) h = (Math.imul(h, 31) + t.charCodeAt(i)) | 0;
      const slot = slotOf(h, colon - at, this.slotMask);
      const known = this.keys[slot];
      if (known !== undefined && known.length === colon - at && t.startsWith(known, at)) return known;
      key = t.slice(at, colon);
      if (key.endsWith(" ") || coreScalar(key) !== key) out();
      if (key.length <= MAX_CACHED && !REFUSED_KEYS.has(key) && !isDigits(key)) this.keys[slot] = key;
    }
    // YAML caps an implicit key at 1024 characters; the exact parser words that error.
    if (REFUSED_KEYS.has(key) || isDigits(key) || colon - at > 1000) out();
    return key;
  }

  /** The offset of the quote closing the scalar opened at `at`, on the same line. */
  private quoteEnd(at: number): number {
    const t = this.text;
    const q = t.charCodeAt(at);
    for (let i = at + 1; i < this.end; i++) {
      const ch = t.charCodeAt(i);
      if (q === 34 && ch === 92) i++;
      else if (ch === q) {
        if (q === 39 && t.charCodeAt(i + 1) === 39) i++;
        else return i;
      }
    }
    return out();
  }

  private quoted(at: number, close: number): string {
    const t = this.text;
    // Most quoted scalars (dates, say) hold no escape: their text is their value.
    const q = t.charCodeAt(at);
    const escape = q === 34 ? 92 : 39;
    let h = 0;
    let i = at + 1;
    for (; i < close; i++) {
      const ch = t.charCodeAt(i);
      if (ch === escape) break;
      h = (Math.imul(h, 31) + ch) | 0;
    }
    if (i === close) return this.slice(at + 1, close, h);
    if (q === 39) return t.slice(at + 1, close).replaceAll("''", "'");
    const raw = t.slice(at, close + 1);
    // JSON's escapes mean the same in YAML; YAML's extra ones (\x, \e, \N…) go the general way.
    try {
      return JSON.parse(raw) as string;
    } catch {
      return out();
    }
  }

  /** A value written on one line: quoted, plain or a flow collection. */
  private inline(at: number, flow: boolean): unknown {
    const t = this.text;
    const c = t.charCodeAt(at);
    if (c === 34 || c === 39) {
      const close = this.quoteEnd(at);
      this.next = close + 1;
      return this.quoted(at, close);
    }
    if (c === 91) return this.flowSequence(at);
    if (c === 123) return this.flowMapping(at);
    // `-`, `?` and `:` start a plain scalar only before a character that may follow in it:
    // not a space, nor, inside a flow collection, a flow indicator (`[-]` is not a list of "-").
    if (notPlainStart(c) || ((c === DASH || c === 63 || c === COLON) && (at + 1 >= this.end || t.charCodeAt(at + 1) === SP || (flow && isFlowIndicator(t.charCodeAt(at + 1)))))) out();
    let i = at;
    let last = at;
    let h = 0;
    let hLast = 0;
    for (; i < this.end; i++) {
      const ch = t.charCodeAt(i);
      h = (Math.imul(h, 31) + ch) | 0;
      if (ch === SP) {
        if (t.charCodeAt(i + 1) === HASH) break;
        continue;
      }
      if (ch === COLON) {
        const n = i + 1 < this.end ? t.charCodeAt(i + 1) : SP;
        if (n === SP || (flow && isFlowIndicator(n))) {
          if (flow) break;
          out();
        }
      }
      if (flow && (isFlowIndicator(ch) || ch === HASH)) break;
      last = i + 1;
      hLast = h;
    }
    this.next = last;
    return coreScalar(this.slice(at, last, hLast));
  }

  /** The text from `at` to `end`, whose hash is `h`: the string read last time, when it is the same. */
  private slice(at: number, end: number, h: number): string {
    const len = end - at;
    if (len > MAX_CACHED) return this.text.slice(at, end);
    const slot = slotOf(h, len, this.slotMask);
    const known = this.values[slot];
    if (known !== undefined && known.length === len && this.text.startsWith(known, at)) return known;
    const s = this.text.slice(at, end);
    this.values[slot] = s;
    return s;
  }

  /**
   * Offsets of the values read so far, per open container: a child is read, and recorded,
   * before its parent goes on, so each container's offsets sit together at the top, and no
   * array is made per container.
   */
  private scratch = new Int32Array(64);
  private top = 0;

  private push(offset: number): void {
    if (this.top === this.scratch.length) {
      const bigger = new Int32Array(this.scratch.length * 2);
      bigger.set(this.scratch);
      this.scratch = bigger;
    }
    this.scratch[this.top++] = offset;
  }

  /** Records the offsets pushed since `base` as the container's. */
  private record(container: object, base: number): void {
    this.index.add(container, this.scratch, base, this.top);
    this.top = base;
  }


  private closed<T>(value: T, close: number): T {
    this.next = close + 1;
    return value;
  }

  private skipSpaces(i: number): number {
    while (i < this.end && this.text.charCodeAt(i) === SP) i++;
    if (i >= this.end) out();
    return i;
  }

  private flowSequence(open: number): unknown[] {
    if (++this.depth > MAX_DEPTH) out();
    const list = this.flowSequenceItems(open);
    this.depth--;
    return list;
  }

  private flowSequenceItems(open: number): unknown[] {
    const t = this.text;
    const list: unknown[] = [];
    const base = this.top;
    let i = this.skipSpaces(open + 1);
    if (t.charCodeAt(i) === 93) return this.closed(list, i);
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 44 || c === 93 || c === HASH) out();
      this.push(i);
      list.push(this.inline(i, true));
      i = this.skipSpaces(this.next);
      const d = t.charCodeAt(i);
      if (d === 93) {
        if (list.some((v) => v !== null && typeof v === "object")) this.record(list, base);
        else this.top = base;
        return this.closed(list, i);
      }
      if (d !== 44) out();
      i = this.skipSpaces(i + 1);
      if (t.charCodeAt(i) === 93) out();
    }
  }

  private flowMapping(open: number): Record<string, unknown> {
    if (++this.depth > MAX_DEPTH) out();
    const map = this.flowMappingEntries(open);
    this.depth--;
    return map;
  }

  private flowMappingEntries(open: number): Record<string, unknown> {
    const t = this.text;
    const map: Record<string, unknown> = {};
    const base = this.top;
    let i = this.skipSpaces(open + 1);
    if (t.charCodeAt(i) === 125) {
      this.record(map, base);
      return this.closed(map, i);
    }
    for (;;) {
      const c = t.charCodeAt(i);
      let key: string;
      if (c === 34 || c === 39) {
        const close = this.quoteEnd(i);
        key = this.quoted(i, close);
        i = this.skipSpaces(close + 1);
        if (t.charCodeAt(i) !== COLON) out();
      } else {
        const value = this.inline(i, true);
        if (typeof value !== "string" || value.length !== this.next - i) out();
        key = value;
        i = this.next;
        // A plain key's colon must be followed by a space, else `a:b` is one scalar.
        if (t.charCodeAt(i) !== COLON || t.charCodeAt(i + 1) !== SP) out();
      }
      if (REFUSED_KEYS.has(key) || isDigits(key) || Object.hasOwn(map, key)) out();
      i = this.skipSpaces(i + 1);
      const v = t.charCodeAt(i);
      if (v === 44 || v === 125 || v === HASH) out();
      this.push(i);
      map[key] = this.inline(i, true);
      i = this.skipSpaces(this.next);
      const d = t.charCodeAt(i);
      if (d === 125) {
        this.record(map, base);
        return this.closed(map, i);
      }
      if (d !== 44) out();
      i = this.skipSpaces(i + 1);
      if (t.charCodeAt(i) === 125) out();
    }
  }

  /** After a value, only spaces and a comment may follow on its line. */
  private endOfLine(next: number): void {
    const t = this.text;
    let i = next;
    while (i < this.end && t.charCodeAt(i) === SP) i++;
    if (i < this.end && !(t.charCodeAt(i) === HASH && (i === next ? t.charCodeAt(i - 1) === SP : true))) out();
  }
}
