import { findSecrets } from "../redact/findSecrets.js";
import { marker } from "../redact/marker.js";
import { lineColumn, lineStarts } from "./lineColumn.js";
import type { Position } from "./sourceDoc.js";

/**
 * Text a loader made out of a file (a ticket's description reduced from Markdown, decoded
 * from a JSON string, gathered from a Jira document), with the way back from each of its
 * characters to the file, so evidence found in the text can point into the file. One file
 * offset per character: four bytes each, and no search to answer.
 */
export class TextMap {
  private constructor(
    readonly text: string,
    private readonly offsets: Int32Array,
    private readonly starts: readonly number[],
  ) {}

  /** The start offsets of the file's lines. */
  get lineStarts(): readonly number[] {
    return this.starts;
  }

  /** The offset in the file of the character at `offset` of the text; `text.length` maps just past the last one. */
  fileOffset(offset: number): number {
    const n = this.text.length;
    if (n === 0) return 0;
    if (offset >= n) return this.offsets[n - 1]! + 1;
    return this.offsets[Math.max(0, offset)]!;
  }

  /** The 1-based line and column in the file of the character at `offset` of the text. */
  position(offset: number): Position {
    return lineColumn(this.starts, this.fileOffset(offset));
  }

  /** Where the text's characters `[start, end)` are in the file; `end` is just past the last one (as SARIF's endColumn). */
  span(start: number, end: number): { start: Position; end: Position } {
    return { start: this.position(start), end: lineColumn(this.starts, this.fileOffset(Math.max(start, end - 1)) + 1) };
  }

  /** The characters `[start, end)` with their places, surrounding whitespace dropped. */
  slice(start: number, end = this.text.length): TextMap {
    let a = Math.max(0, start);
    let b = Math.min(this.text.length, end);
    while (a < b && /\s/.test(this.text[a]!)) a++;
    while (b > a && /\s/.test(this.text[b - 1]!)) b--;
    return new TextMap(this.text.slice(a, b), this.offsets.subarray(a, b), this.starts);
  }

  /**
   * Maps and separators joined into one text, each character keeping its place: the text
   * the engine reads is `[title, description].join(". ")`, and evidence found in it points
   * into the ticket through `TextMap.join([title, ". ", description])`. A separator maps to
   * the character before it. The maps must be over the same file.
   */
  static join(parts: ReadonlyArray<TextMap | string>): TextMap {
    const maps = parts.filter((p): p is TextMap => typeof p !== "string");
    const text = parts.map((p) => (typeof p === "string" ? p : p.text)).join("");
    const offsets = new Int32Array(text.length);
    let n = 0;
    let last = 0;
    for (const p of parts) {
      if (typeof p === "string") offsets.fill(last, n, (n += p.length));
      else {
        offsets.set(p.offsets, n);
        n += p.text.length;
        if (p.text.length) last = p.offsets[p.text.length - 1]!;
      }
    }
    return new TextMap(text, offsets, maps[0]?.starts ?? [0]);
  }

  /** @internal made by TextMapBuilder.build */
  static of(text: string, offsets: Int32Array, starts: readonly number[]): TextMap {
    return new TextMap(text, offsets, starts);
  }
}

const ALIGN_WINDOW = 4096;

let lastSource: string | undefined;
let lastStarts: readonly number[] = [];
/**
 * The file's line starts, worked out once per file: a JSON list of 2,000 issues builds
 * thousands of maps over the same text, and each used to scan all of it again.
 */
function startsOf(source: string): readonly number[] {
  if (source !== lastSource) {
    lastStarts = lineStarts(source);
    lastSource = source;
  }
  return lastStarts;
}

/** Gathers a text piece by piece, each piece saying where in the file it came from. */
export class TextMapBuilder {
  private parts: string[] = [];
  private offsets = new Int32Array(256);
  private size = 0;
  /** The source offset of the last character added, for what the reader inserts after it. */
  private last = 0;

  /** `source` is the whole text of the file the pieces come from. */
  constructor(private readonly source: string) {}

  get length(): number {
    return this.size;
  }

  /** The source's own characters from `from` on. */
  copy(text: string, from: number): this {
    this.reserve(text.length);
    for (let i = 0; i < text.length; i++) this.offsets[this.size + i] = from + i;
    return this.push(text, from + text.length - 1);
  }

  /** Text that stands for the source at `from` without being its characters (a decoded escape, an entity, a bullet). */
  stand(text: string, from: number): this {
    this.reserve(text.length);
    this.offsets.fill(from, this.size, this.size + text.length);
    return this.push(text, from);
  }

  /** Text another map made, keeping each character's place. */
  append(map: TextMap): this {
    for (let i = 0; i < map.text.length; i++) this.copy(map.text[i]!, map.fileOffset(i));
    return this;
  }

  /** Text the reader adds (a line break between paragraphs): it maps to the source just read. */
  insert(text: string): this {
    return this.stand(text, this.last);
  }

  /**
   * Text a parser took from the source at or after `from` (and before `limit`) without saying
   * exactly where: each character is matched to the next equal source character, so indents,
   * emphasis marks and escapes the parser dropped are stepped over; a character the source
   * does not have there (a decoded entity) stands at the place reached. Returns that place,
   * where the next piece of text starts its search.
   */
  align(text: string, from: number, limit: number): number {
    let at = from;
    const end = Math.min(limit, this.source.length);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // Markup between two characters is short (a link's URL the longest): a bounded search
      // keeps a character the source lacks from scanning the rest of a large block.
      const stop = Math.min(end, at + ALIGN_WINDOW);
      let j = at;
      while (j < stop && this.source.charCodeAt(j) !== c) j++;
      if (j < stop) {
        this.copy(text[i]!, j);
        at = j + 1;
      } else this.stand(text[i]!, Math.min(at, Math.max(end - 1, 0)));
    }
    return at;
  }

  /** Ends what is there with a line break (`count` of them for a blank line); nothing at the very start. */
  breakLine(count = 1): this {
    if (this.size === 0) return this;
    const tail = this.tail(count + 1);
    const have = /\n*$/.exec(tail)![0].length;
    if (have < count) this.insert("\n".repeat(count - have));
    return this;
  }

  /** The text added since the builder's length was `at`. */
  since(at: number): string {
    return this.tail(this.size - at);
  }

  /** Whether the text so far ends with whitespace (or is empty): separators are not doubled. */
  endsWithSpace(): boolean {
    return this.size === 0 || /\s$/.test(this.tail(1));
  }

  /**
   * The text with surrounding whitespace, spaces before line breaks and runs of blank lines
   * dropped, and every credential-like value replaced by its marker (the marker maps to
   * where the value was), so no report can echo a secret pasted into a ticket.
   */
  build(opts: { through?: TextMap; keep?: boolean } = {}): TextMap {
    const raw = this.parts.join("");
    const outer = opts.through;
    if (opts.keep) return TextMap.of(raw, this.offsets.slice(0, this.size), startsOf(this.source));
    const keptText: string[] = [];
    const kept = new Int32Array(raw.length);
    let n = 0;
    const keep = (s: string, from: number, to: number) => {
      keptText.push(s);
      for (let i = from; i < to; i++) kept[n++] = this.offsets[i]!;
    };
    // Trailing spaces of a line, blank lines past one, and the ends go.
    const re = /[ \t]+(?=\n|$)|\n{3,}/g;
    const start = raw.length - raw.trimStart().length;
    const end = raw.trimEnd().length;
    let at = start;
    for (const m of raw.slice(0, end).matchAll(re)) {
      if (m.index < start) continue;
      keep(raw.slice(at, m.index), at, m.index);
      if (m[0].startsWith("\n")) keep("\n\n", m.index, m.index + 2);
      at = m.index + m[0].length;
    }
    if (at < end) keep(raw.slice(at, end), at, end);
    let text = keptText.join("");
    let offsets = kept.subarray(0, n);
    const secrets = findSecrets(text);
    if (secrets.length) {
      const parts: string[] = [];
      const out: number[] = [];
      let last = 0;
      for (const s of secrets) {
        parts.push(text.slice(last, s.start));
        for (let i = last; i < s.start; i++) out.push(offsets[i]!);
        const m = marker(s.kind);
        parts.push(m);
        for (let i = 0; i < m.length; i++) out.push(offsets[s.start]!);
        last = s.end;
      }
      parts.push(text.slice(last));
      for (let i = last; i < text.length; i++) out.push(offsets[i]!);
      text = parts.join("");
      offsets = Int32Array.from(out);
    }
    // Text made from text a loader made (a ticket body decoded from JSON) points into the file through it.
    if (outer) return TextMap.of(text, offsets.map((o) => outer.fileOffset(o)), outer.lineStarts);
    return TextMap.of(text, offsets, startsOf(this.source));
  }

  private tail(count: number): string {
    if (count <= 0) return "";
    let s = "";
    for (let k = this.parts.length - 1; k >= 0 && s.length < count; k--) s = this.parts[k]! + s;
    return s.slice(-count);
  }

  private push(text: string, last: number): this {
    if (text === "") return this;
    this.parts.push(text);
    this.size += text.length;
    this.last = last;
    return this;
  }

  private reserve(more: number): void {
    if (this.size + more <= this.offsets.length) return;
    const bigger = new Int32Array(Math.max(this.offsets.length * 2, this.size + more));
    bigger.set(this.offsets.subarray(0, this.size));
    this.offsets = bigger;
  }
}
