import { lineColumn, lineStarts as findLineStarts } from "./lineColumn.js";
import type { Path, Position } from "./sourceDoc.js";

/**
 * Finds where a data path starts in YAML text without building a syntax tree: the text is
 * walked alongside the already-parsed data, line by line for block style and character by
 * character inside flow collections (`{ … }`, `[ … ]`, and so JSON too). It answers only
 * what it is sure of and returns undefined for anything unusual (tabs, anchors, tags,
 * multi-document files), so the caller can fall back to the exact, slower `yaml` parser.
 * The answers are the positions `yaml`'s parseDocument gives; a test checks every path of
 * every fixture against it.
 */
export function fastLocator(text: string): (path: Path, data: unknown) => Position | undefined {
  let lineStarts: number[] | undefined;
  const starts = (): number[] => (lineStarts ??= findLineStarts(text));
  const position = (offset: number): Position => lineColumn(starts(), offset);

  let root: Node | undefined | null = null;
  // One child per node and segment, and one scan per block node: a finding per identity
  // in a 100k inventory must not rescan the whole list each time.
  const children = new WeakMap<Node, Map<string | number, Node | undefined>>();
  return (path, data) => {
    if (root === null) root = rootNode(text, starts());
    if (!root) return undefined;
    let node: Node = root;
    let value: unknown = data;
    for (const seg of path) {
      if (value === null || typeof value !== "object") break;
      const isSeq = Array.isArray(value);
      if (isSeq !== (typeof seg === "number")) break;
      if (isSeq ? (seg as number) >= (value as unknown[]).length : !Object.hasOwn(value as object, seg)) break;
      const childValue = (value as Record<string | number, unknown>)[seg];
      let known = children.get(node);
      if (!known) children.set(node, (known = new Map()));
      const next = known.has(seg) ? known.get(seg) : child(text, starts(), node, seg, childValue);
      known.set(seg, next);
      if (!next) return undefined;
      node = next;
      value = childValue;
    }
    return position(node.offset);
  };
}

/**
 * A located node: where it starts, and for block collections the lines it spans and the
 * column of its keys or dashes. `first` is the column where the first line's content
 * starts when the node begins mid-line (`- id: x` begins at `id`).
 */
type Node =
  | { kind: "scalar"; offset: number }
  | { kind: "flow"; offset: number }
  | { kind: "block"; offset: number; from: number; to: number; indent: number };

const isBlank = (c: string | undefined) => c === undefined || c === "\n" || c === "\r";

/** The offset of the first non-space character of a line, or -1 for a blank or comment line. */
function contentStart(text: string, ls: readonly number[], line: number): number {
  let i = ls[line]!;
  const end = line + 1 < ls.length ? ls[line + 1]! : text.length;
  while (i < end && text[i] === " ") i++;
  if (i >= end || isBlank(text[i]) || text[i] === "#") return -1;
  if (text[i] === "\t") return -2;
  return i;
}

function rootNode(text: string, ls: readonly number[]): Node | undefined {
  for (let line = 0; line < ls.length; line++) {
    const c = contentStart(text, ls, line);
    if (c === -2) return undefined;
    if (c === -1) continue;
    if (text.startsWith("---", c) || text[c] === "%") return undefined;
    const ch = text[c]!;
    if (ch === "{" || ch === "[") return { kind: "flow", offset: c };
    if (ch === "&" || ch === "!" || ch === "*") return undefined;
    return { kind: "block", offset: c, from: line, to: ls.length, indent: c - ls[line]! };
  }
  return undefined;
}

function child(text: string, ls: readonly number[], node: Node, seg: string | number, value: unknown): Node | undefined {
  if (node.kind === "scalar") return undefined;
  if (node.kind === "flow") return flowChild(text, node, seg, value);
  return typeof seg === "number" ? blockItem(text, ls, node, seg, value) : blockValue(text, ls, node, seg, value);
}

/** The plain or quoted key written at `at`, and the offset just after its colon, or undefined. */
function readKey(text: string, at: number): { key: string; after: number } | undefined {
  const q = text[at];
  if (q === '"' || q === "'") {
    let i = at + 1;
    for (; i < text.length && text[i] !== q; i++) if (text[i] === "\\" && q === '"') i++;
    if (text[i] !== q) return undefined;
    let key: string;
    try {
      key = q === '"' ? (JSON.parse(text.slice(at, i + 1)) as string) : text.slice(at + 1, i).replace(/''/g, "'");
    } catch {
      return undefined;
    }
    let j = i + 1;
    while (text[j] === " ") j++;
    return text[j] === ":" ? { key, after: j + 1 } : undefined;
  }
  // A plain key runs to the first ": " (or ":" at the end of the line).
  for (let i = at; i < text.length && !isBlank(text[i]); i++) {
    if (text[i] === ":" && (text[i + 1] === " " || isBlank(text[i + 1]))) return { key: text.slice(at, i).trimEnd(), after: i + 1 };
    if (text[i] === " " && text[i + 1] === "#") return undefined;
  }
  return undefined;
}

/** Where an inline value starts after `from`, or -1 when the value continues on later lines. */
function inlineValue(text: string, from: number): number {
  let i = from;
  while (text[i] === " ") i++;
  if (isBlank(text[i]) || text[i] === "#") return -1;
  return i;
}

/** The node an inline value starting at `at` forms, or undefined for anchors, tags and aliases. */
function inlineNode(text: string, at: number, value: unknown): Node | undefined {
  const c = text[at]!;
  if (c === "&" || c === "!" || c === "*" || c === "\t") return undefined;
  if (c === "{" || c === "[") return { kind: "flow", offset: at };
  // A block collection cannot start mid-line except as a compact item, handled by the callers.
  if (value !== null && typeof value === "object") return undefined;
  return { kind: "scalar", offset: at };
}

/** The block node that a key or dash with nothing after it introduces on the following lines. */
/** `fallback` is the offset just after the key's colon or the item's dash. */
function blockBelow(text: string, ls: readonly number[], line: number, end: number, parentIndent: number, value: unknown, fallback: number): Node | undefined {
  for (let l = line + 1; l < end; l++) {
    const c = contentStart(text, ls, l);
    if (c === -2) return undefined;
    if (c === -1) continue;
    const indent = c - ls[l]!;
    const dash = text[c] === "-" && (text[c + 1] === " " || isBlank(text[c + 1]));
    // A sequence may sit at its parent key's own indentation ("compact" style).
    if (indent > parentIndent || (indent === parentIndent && dash && Array.isArray(value))) {
      if (value === null || typeof value !== "object") return text[c] === "|" || text[c] === ">" ? undefined : { kind: "scalar", offset: c };
      return { kind: "block", offset: c, from: l, to: end, indent };
    }
    break;
  }
  // Nothing below: an empty value, which yaml places just after the indicator and its spaces.
  if (value !== null) return undefined;
  let at = fallback;
  while (text[at] === " ") at++;
  return isBlank(text[at]) ? { kind: "scalar", offset: at } : undefined;
}

interface Entry {
  line: number;
  at: number;
}
/** Each block node's keys or dashes, found in one scan; null when the node is beyond the walk. */
const entries = new WeakMap<Node, { byKey: Map<string, Entry>; items: Entry[]; end: number } | null>();

function scan(text: string, ls: readonly number[], node: Extract<Node, { kind: "block" }>) {
  if (entries.has(node)) return entries.get(node)!;
  const byKey = new Map<string, Entry>();
  const items: Entry[] = [];
  let end = node.to;
  let ok = true;
  for (let l = node.from; l < node.to && ok; l++) {
    const c = l === node.from ? node.offset : contentStart(text, ls, l);
    if (c === -2) ok = false;
    if (c < 0) continue;
    const indent = l === node.from ? node.indent : c - ls[l]!;
    if (indent < node.indent) {
      end = l;
      break;
    }
    if (indent !== node.indent) continue;
    if (text[c] === "-" && (text[c + 1] === " " || isBlank(text[c + 1]))) {
      // In a mapping, dashes at its own indentation are a key's compact sequence value.
      if (byKey.size === 0) items.push({ line: l, at: c });
      continue;
    }
    if (items.length) {
      end = l; // a compact sequence ends where its parent's next key begins
      break;
    }
    const k = readKey(text, c);
    if (!k) {
      if (text[c] === "?" || text[c] === "&" || text[c] === "!" || text[c] === "*") ok = false;
      continue;
    }
    if (!byKey.has(k.key)) byKey.set(k.key, { line: l, at: c });
  }
  const result = ok ? { byKey, items, end } : null;
  entries.set(node, result);
  return result;
}

function blockValue(text: string, ls: readonly number[], node: Extract<Node, { kind: "block" }>, key: string, value: unknown): Node | undefined {
  const e = scan(text, ls, node)?.byKey.get(key);
  if (!e) return undefined;
  const k = readKey(text, e.at)!;
  const v = inlineValue(text, k.after);
  if (v >= 0) return inlineNode(text, v, value);
  return blockBelow(text, ls, e.line, node.to, node.indent, value, k.after);
}

function blockItem(text: string, ls: readonly number[], node: Extract<Node, { kind: "block" }>, index: number, value: unknown): Node | undefined {
  const s = scan(text, ls, node);
  const e = s?.items[index];
  if (!s || !e) return undefined;
  const v = inlineValue(text, e.at + 1);
  if (v < 0) return blockBelow(text, ls, e.line, node.to, node.indent, value, e.at + 1);
  const ch = text[v]!;
  const end = s.items[index + 1]?.line ?? s.end;
  if (Array.isArray(value) && ch === "-" && (text[v + 1] === " " || isBlank(text[v + 1]))) {
    return { kind: "block", offset: v, from: e.line, to: end, indent: v - ls[e.line]! };
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value) && ch !== "{" && readKey(text, v)) {
    return { kind: "block", offset: v, from: e.line, to: end, indent: v - ls[e.line]! };
  }
  return inlineNode(text, v, value);
}

/** Skips a quoted scalar starting at `i`; returns the offset after its closing quote. */
function skipQuoted(text: string, i: number): number {
  const q = text[i];
  for (let j = i + 1; j < text.length; j++) {
    if (q === '"' && text[j] === "\\") j++;
    else if (text[j] === q) {
      if (q === "'" && text[j + 1] === "'") j++;
      else return j + 1;
    }
  }
  return -1;
}

/** The offset after a flow value starting at `i`: the next `,` or closing bracket at this depth. */
function skipFlowValue(text: string, i: number): number {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (c === '"' || c === "'") {
      j = skipQuoted(text, j) - 1;
      if (j < 0) return -1;
    } else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      if (depth === 0) return j;
      depth--;
    } else if (c === "," && depth === 0) return j;
    else if (c === "#" && (text[j - 1] === " " || text[j - 1] === "\n")) return -1;
  }
  return -1;
}

const skipSpace = (text: string, i: number) => {
  while (i < text.length && (text[i] === " " || text[i] === "\n" || text[i] === "\r")) i++;
  return i;
};

/**
 * How far a flow collection has been read: where each entry's value starts (-1 for a key
 * with no value, left to the exact parser), and where reading goes on. An export on one
 * line is one flow collection of a hundred thousand entries: read once, not once per entry.
 */
interface FlowScan {
  at: number;
  items: number[];
  keys: Map<string, number>;
  /** The end, or a place the walk is not sure of: nothing after it is known. */
  done: boolean;
}
const flowScans = new WeakMap<Node, FlowScan>();

function flowChild(text: string, node: Node, seg: string | number, value: unknown): Node | undefined {
  const isMap = text[node.offset] === "{";
  if (isMap !== (typeof seg === "string")) return undefined;
  let scan = flowScans.get(node);
  if (!scan) flowScans.set(node, (scan = { at: node.offset + 1, items: [], keys: new Map(), done: false }));
  const known = () => (isMap ? scan.keys.get(seg as string) : scan.items[seg as number]);
  while (known() === undefined && !scan.done) readFlowEntry(text, isMap, scan);
  const at = known();
  return at === undefined || at < 0 ? undefined : inlineNode(text, at, value);
}

/** Reads one more entry of a flow collection into `scan`. */
function readFlowEntry(text: string, isMap: boolean, scan: FlowScan): void {
  const i = skipSpace(text, scan.at);
  const c = text[i];
  if (c === undefined || c === "}" || c === "]" || c === "#" || c === "\t") {
    scan.done = true;
    return;
  }
  let at = i;
  if (isMap) {
    const k = readFlowKey(text, i);
    if (!k) {
      scan.done = true;
      return;
    }
    at = skipSpace(text, k.after);
    // The first of a repeated key is the one a reader finds; `{ key: }` holds null, left to the exact parser.
    if (!scan.keys.has(k.key)) scan.keys.set(k.key, text[at] === "," || text[at] === "}" ? -1 : at);
  } else scan.items.push(at);
  const end = skipFlowValue(text, at);
  if (end < 0 || text[end] !== ",") scan.done = true;
  else scan.at = end + 1;
}

function readFlowKey(text: string, at: number): { key: string; after: number } | undefined {
  const q = text[at];
  if (q === '"' || q === "'") {
    const end = skipQuoted(text, at);
    if (end < 0) return undefined;
    let key: string;
    try {
      key = q === '"' ? (JSON.parse(text.slice(at, end)) as string) : text.slice(at + 1, end - 1).replace(/''/g, "'");
    } catch {
      return undefined;
    }
    const colon = skipSpace(text, end);
    return text[colon] === ":" ? { key, after: colon + 1 } : undefined;
  }
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === ":" && (text[i + 1] === " " || text[i + 1] === "\n" || text[i + 1] === "\r")) return { key: text.slice(at, i).trim(), after: i + 1 };
    if (c === "," || c === "}" || c === "{" || c === "[" || c === "]" || c === "\n" || c === "#") return undefined;
  }
  return undefined;
}

/**
 * Where lists and mappings first nest deeper than `limit`, judged from indentation and
 * brackets alone, without a parser (a parser is what runs out of stack on such a file).
 * An estimate meant to point at the problem once a parser has failed on it, not a check:
 * continuation lines of a multi-line scalar can make it count a level too many.
 */
export function deepNesting(text: string, limit: number): Position | undefined {
  const indents: number[] = [];
  let flow = 0;
  // Inside a block scalar (`|`, `>`), lines indented more than this are its text.
  let scalarParent = -1;
  let line = 0;
  for (let start = 0; start <= text.length; line++) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    let i = start;
    while (text[i] === " ") i++;
    const blank = i >= end || text[i] === "#" || text[i] === "\r";
    // The previous character that is not a space, on this line: what a value may follow.
    const before = (j: number) => {
      let k = j - 1;
      while (k >= start && text[k] === " ") k--;
      return k < start ? "" : text[k]!;
    };
    if (!blank && flow === 0 && !(scalarParent >= 0 && i - start > scalarParent)) {
      scalarParent = -1;
      const indent = i - start;
      while (indents.length && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      // "- - x", "- key: v", "? x": each indicator opens a level on the same line.
      while ((text[i] === "-" || text[i] === "?") && (text[i + 1] === " " || i + 1 >= end)) {
        i++;
        while (text[i] === " ") i++;
        if (i >= end) break;
        indents.push(i - start);
        if (indents.length > limit) return { line: line + 1, column: i - start + 1 };
      }
      if (indents.length > limit) return { line: line + 1, column: indent + 1 };
    }
    if (!blank && !(flow === 0 && scalarParent >= 0)) {
      let prev = before(i);
      for (; i < end; i++) {
        const c = text[i]!;
        if (c === " ") continue;
        const valueStart = prev === "" || prev === ":" || prev === "-" || prev === "?" || (flow > 0 && (prev === "," || prev === "[" || prev === "{"));
        if ((c === '"' || c === "'") && valueStart) {
          let j = i + 1;
          while (j < end && text[j] !== c) j += c === '"' && text[j] === "\\" ? 2 : 1;
          i = j;
        } else if (c === "#" && (i === start || text[i - 1] === " ")) break;
        else if ((c === "[" || c === "{") && (flow > 0 || valueStart)) {
          flow++;
          if (indents.length + flow > limit) return { line: line + 1, column: i - start + 1 };
        } else if ((c === "]" || c === "}") && flow > 0) flow--;
        else if ((c === "|" || c === ">") && flow === 0 && valueStart) {
          scalarParent = indents[indents.length - 1] ?? 0;
          break;
        }
        prev = text[i]!;
      }
    }
    start = end + 1;
  }
  return undefined;
}
