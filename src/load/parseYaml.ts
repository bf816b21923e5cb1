import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type YAMLError } from "yaml";
import { diagnostic, type Diagnostic } from "./diagnostic.js";
import { deepNesting } from "./fastLocate.js";
import type { Path, Position, SourceDoc } from "./sourceDoc.js";

/** Aliases beyond this are treated as an expansion attack ("billion laughs"). */
export const MAX_ALIAS_COUNT = 100;
/** Lists and mappings inside one another; our deepest documents (rule conditions) use about 20. */
export const MAX_NESTING = 64;
/** A file of junk yields an error per token; the first few say all there is to say. */
export const MAX_SYNTAX_ERRORS = 10;

export const TOO_DEEP = `nesting is too deep: more than ${MAX_NESTING} levels of lists and mappings`;

export type ParseResult = { ok: true; doc: SourceDoc } | { ok: false; diagnostics: Diagnostic[] };

const isStackOverflow = (message: string) => /Maximum call stack|too much recursion/i.test(message);

export function parseYaml(file: string, text: string): ParseResult {
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  // Pinned so that a `%YAML 1.1` line cannot turn on merge keys (`<<`), yes/no booleans or
  // timestamps: every file means what YAML 1.2's core schema (and so the fast path) says.
  const options = { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, version: "1.2", schema: "core", merge: false } as const;
  try {
    doc = parseDocument(text, options);
  } catch (e) {
    if (e instanceof RangeError || isStackOverflow(String(e))) return tooDeep(file, text);
    throw e;
  }
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  // Warnings are errors here: an unknown tag (`!!js/function`) would otherwise be read as
  // a plain string, and a file is data, with nothing in it to run.
  const problems: YAMLError[] = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    if (problems.some((e) => isStackOverflow(e.message))) return tooDeep(file, text, at(problems[0]!.pos[0]));
    return { ok: false, diagnostics: problems.slice(0, MAX_SYNTAX_ERRORS).map((e) => describe(file, doc, text, e, at)) };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof RangeError || isStackOverflow(message)) return tooDeep(file, text);
    const alias = /Unresolved alias[^:]*: (.*)$/.exec(message)?.[1];
    const pos = firstAlias(doc, alias, at) ?? { line: 1, column: 1 };
    const why = /Excessive alias count/.test(message)
      ? `too many aliases (more than ${MAX_ALIAS_COUNT} expansions): an alias bomb ("billion laughs") is refused`
      : alias !== undefined
        ? `alias *${alias} has no anchor &${alias} before it`
        : message;
    return { ok: false, diagnostics: [diagnostic(file, pos, `YAML could not be expanded: ${why}`)] };
  }

  const walk = (path: Path): { node: Node | null; key: Node | null; depth: number } => {
    let node = doc.contents as Node | null;
    let key: Node | null = null;
    let depth = 0;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value === seg : p.key === seg));
        if (!pair) break;
        key = pair.key as Node;
        node = (pair.value as Node | null) ?? key;
      } else if (isSeq(node) && typeof seg === "number" && node.items[seg]) {
        key = null;
        node = node.items[seg] as Node;
      } else break;
      depth++;
    }
    return { node, key, depth };
  };
  const posOf = (n: Node | null): Position | undefined => (n?.range ? at(n.range[0]) : undefined);

  return {
    ok: true,
    doc: {
      file,
      text,
      data,
      locate: (path) => posOf(walk(path).node) ?? { line: 1, column: 1 },
      locateKey: (path) => {
        const w = walk(path);
        return (w.depth === path.length ? posOf(w.key) : undefined) ?? posOf(w.node) ?? { line: 1, column: 1 };
      },
    },
  };
}

function tooDeep(file: string, text: string, fallback?: Position): ParseResult {
  return { ok: false, diagnostics: [diagnostic(file, deepNesting(text, MAX_NESTING) ?? fallback ?? { line: 1, column: 1 }, `invalid YAML: ${TOO_DEEP}`)] };
}

export function duplicateKeyMessage(key: unknown, firstLine: number): string {
  return `duplicate key \`${keyLabel(key)}\` (first at line ${firstLine})`;
}

/** Shown in a message: a key as written, cut short if it is long. */
export function keyLabel(key: unknown): string {
  const s = typeof key === "string" ? key : String(key);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function describe(file: string, doc: Document.Parsed, text: string, e: YAMLError, at: (offset: number) => Position): Diagnostic {
  const pos = at(e.pos[0]);
  if (e.code === "DUPLICATE_KEY") {
    const first = firstKeyBefore(doc, e.pos[0]);
    if (first) return diagnostic(file, pos, duplicateKeyMessage(first.key, at(first.offset).line));
  }
  if (e.code === "TAG_RESOLVE_FAILED") {
    const tag = /^!\S*/.exec(text.slice(e.pos[0], e.pos[1]))?.[0] ?? e.message.replace(/^Unresolved tag:\s*/, "");
    return diagnostic(file, pos, `unknown tag \`${keyLabel(tag)}\`: tags are not supported; a file holds plain data and nothing in it is run`);
  }
  return diagnostic(file, pos, `invalid YAML: ${firstLine(e.message)}`);
}

/** Every node of the document, without recursion (the document may be deep). */
function* nodes(doc: Document.Parsed): Generator<Node> {
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const n = stack.pop();
    if (isPair(n)) {
      stack.push(n.value, n.key);
      continue;
    }
    if (!n || typeof n !== "object") continue;
    yield n as Node;
    if (isMap(n) || isSeq(n)) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
  }
}

const keyValue = (k: unknown): unknown => (isScalar(k) ? k.value : k);

/** The first key equal to the one at `offset`, in the mapping that holds both. */
function firstKeyBefore(doc: Document.Parsed, offset: number): { key: unknown; offset: number } | undefined {
  for (const n of nodes(doc)) {
    if (!isMap(n)) continue;
    const dup = n.items.find((p) => (p.key as Node | null)?.range?.[0] === offset);
    if (!dup) continue;
    const value = keyValue(dup.key);
    const first = n.items.find((p) => p !== dup && keyValue(p.key) === value);
    const start = (first?.key as Node | null)?.range?.[0];
    return start === undefined ? undefined : { key: value, offset: start };
  }
  return undefined;
}

function firstAlias(doc: Document.Parsed, name: string | undefined, at: (offset: number) => Position): Position | undefined {
  for (const n of nodes(doc)) {
    if (isAlias(n) && (name === undefined || n.source === name) && n.range) return at(n.range[0]);
  }
  return undefined;
}

/** The parser's words, minus its API advice and with plain words for resource limits. */
function firstLine(s: string): string {
  const line = s.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
  if (/multiple documents/i.test(line)) return "a file holds one document, but this one has a second (after ---)";
  return line;
}
