import jsYaml from "js-yaml";
import { lineColumn } from "./lineColumn.js";
import type { Path, Position } from "./sourceDoc.js";

/** Data read by the one-pass reader, with the start of every value it read. */
export interface BlockYaml {
  data: unknown;
  locate(path: Path): Position | undefined;
}

interface ImplicitType {
  resolve(s: string): boolean;
  construct(s: string): unknown;
}
// js-yaml's own resolvers (null, bool, int, float), so a plain scalar means what it means there.
const IMPLICIT = (jsYaml.CORE_SCHEMA as unknown as { compiledImplicit: ImplicitType[] }).compiledImplicit;
// Only these can start a scalar that is not a string in the core schema.
const MAYBE_TYPED = charTable("~nNtTfF-+.0123456789");
// js-yaml refuses these; the reader leaves such files to it so the error keeps its words.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

// Printable ASCII and line ends need no closer look.
const UNUSUAL = /[^\n\r\x20-\x7e]/;

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

function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  if (c < 128 && MAYBE_TYPED[c] === 0) return s;
  for (const t of IMPLICIT) if (t.resolve(s)) return t.construct(s);
  return s;
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
 * A test checks data and every position against js-yaml and the exact `yaml` parser.
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
   * Where each container's values start, in key or index order (-1 where unknown): the
   * container maps to the first of its entries in one pool, which keeps a million entries
   * at a few bytes each. One-line lists of scalars are left out: a finding points at the
   * list, whose start its parent records, and anything inside is found by the text walk.
   */
  private readonly offsets = new Map<object, number>();
  private pool = new Int32Array(1 << 16);
  private used = 0;
  /** Short scalars repeat (kinds, teams, dates): one string each, not one per occurrence. */
  private readonly strings = new Map<string, string>();
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
    return { data, locate: (path) => this.locate(data, rootOffset, path) };
  }

  /** As the exact parser does: where the value starts, or its nearest existing ancestor. */
  private locate(data: unknown, rootOffset: number, path: Path): Position | undefined {
    let value = data;
    let offset = rootOffset;
    for (const seg of path) {
      if (value === null || typeof value !== "object") break;
      const start = this.offsets.get(value);
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
    }
    return lineColumn(this.lineStarts, offset);
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
    const offs: number[] = [];
    const t = this.text;
    for (;;) {
      let i = this.content + 1;
      while (i < this.end && t.charCodeAt(i) === SP) i++;
      if (i >= this.end || (t.charCodeAt(i) === HASH && t.charCodeAt(i - 1) === SP)) {
        // `-` alone: the item is on the following lines, or null.
        this.nextLine();
        if (this.indent() > col) {
          offs.push(this.content);
          list.push(this.node(this.indent(), true));
        } else {
          offs.push(-1);
          list.push(null);
        }
      } else if (this.isDash(i)) {
        out();
      } else if (this.keyEnd(i) !== -1) {
        offs.push(i);
        list.push(this.mapping(i - this.start, i));
      } else {
        const value = this.inline(i, false);
        this.endOfLine(this.next);
        offs.push(i);
        list.push(value);
        this.nextLine();
      }
      const ind = this.indent();
      if (ind === col && this.isDash(this.content)) continue;
      if (ind > col) out();
      this.record(list, offs);
      return list;
    }
  }

  /** A block mapping whose keys sit at column `col`; the first key starts at `first`, maybe mid-line. */
  private mapping(col: number, first: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    const offs: number[] = [];
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
        this.nextLine();
        const ind = this.indent();
        if (ind > col || (ind === col && this.isDash(this.content))) {
          offs.push(this.content);
          map[key] = this.node(ind, true);
        } else {
          offs.push(-1);
          map[key] = null;
        }
      } else {
        const value = this.inline(i, false);
        this.endOfLine(this.next);
        offs.push(i);
        map[key] = value;
        this.nextLine();
      }
      const ind = this.indent();
      if (ind === col && !this.isDash(this.content)) {
        at = this.content;
        continue;
      }
      if (ind > col) out();
      this.record(map, offs);
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
      key = t.slice(at, colon);
      if (key.endsWith(" ") || resolvePlain(key) !== key) out();
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
    if (t.charCodeAt(at) === 39) return t.slice(at + 1, close).replaceAll("''", "'");
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
    if (notPlainStart(c) || ((c === DASH || c === 63 || c === COLON) && (at + 1 >= this.end || t.charCodeAt(at + 1) === SP))) out();
    let i = at;
    let last = at;
    for (; i < this.end; i++) {
      const ch = t.charCodeAt(i);
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
    }
    this.next = last;
    const plain = resolvePlain(t.slice(at, last));
    return typeof plain === "string" ? this.intern(plain) : plain;
  }

  private record(container: object, offs: readonly number[]): void {
    if (this.used + offs.length > this.pool.length) {
      const bigger = new Int32Array(Math.max(this.pool.length * 2, this.used + offs.length));
      bigger.set(this.pool.subarray(0, this.used));
      this.pool = bigger;
    }
    this.offsets.set(container, this.used);
    for (const o of offs) this.pool[this.used++] = o;
  }

  private intern(s: string): string {
    if (s.length > 40) return s;
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
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
    const offs: number[] = [];
    let i = this.skipSpaces(open + 1);
    if (t.charCodeAt(i) === 93) return this.closed(list, i);
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 44 || c === 93 || c === HASH) out();
      offs.push(i);
      list.push(this.inline(i, true));
      i = this.skipSpaces(this.next);
      const d = t.charCodeAt(i);
      if (d === 93) {
        if (list.some((v) => v !== null && typeof v === "object")) this.record(list, offs);
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
    const offs: number[] = [];
    let i = this.skipSpaces(open + 1);
    if (t.charCodeAt(i) === 125) {
      this.record(map, offs);
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
      offs.push(i);
      map[key] = this.inline(i, true);
      i = this.skipSpaces(this.next);
      const d = t.charCodeAt(i);
      if (d === 125) {
        this.record(map, offs);
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
