import { Composer, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Parser, YAMLParseError, type CST, type Document, type Node, type YAMLError } from "yaml";
import { byPosition, diagnostic, type Diagnostic } from "./diagnostic.js";
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

/**
 * How the exact parser reads every file. The version is pinned so that a `%YAML 1.1` line
 * cannot turn on merge keys (`<<`), yes/no booleans or timestamps: every file means what
 * YAML 1.2's core schema (and so the fast path) says. `resolveKnownTags` would otherwise
 * read `!!omap`, `!!set`, `!!binary`, `!!timestamp`, `!!pairs` and `!!merge` even under the
 * core schema, into Maps, Sets and bytes that no check looks inside.
 */
export const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: true, strict: true, version: "1.2", schema: "core", merge: false, resolveKnownTags: false } as const;

/**
 * The only tags a file may carry: the core schema's own, written with the standard `!!`
 * handle. A tag names how to build a value, and nothing else in a file of plain data
 * needs one; verbatim (`!<…>`), local (`!x`), named-handle (`!e!x`) and non-specific (`!`)
 * tags are refused too, so that one spelling is all a reader has to know.
 */
const CORE_TAGS = /^!!(?:str|int|float|bool|null|map|seq)$/;
const CORE_PREFIX = "tag:yaml.org,2002:";
const ALLOWED_TAGS = "!!str, !!int, !!float, !!bool, !!null, !!map and !!seq";

/**
 * The yaml package misreads a plain value written below its key or `-` when a comment
 * between them has no space after its `#`: `a:\n#c\n  x\nb: 1` becomes a key "x b", and
 * `-\n#c\n  x\n- y` the one value "x - y". Refused with plain words instead: a key or
 * dash that ends its line, comment lines (one of them `#` and no space), then a line that
 * starts a plain scalar and is no key.
 */
const COMMENT_BEFORE_VALUE = /(?::|(?:^|[ \t])-)[ \t]*\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*?[ \t]*(#)[^ \t\r\n][^\n]*\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*[^-#"'[{?|>&*!%@`,\]}\s](?:(?!:[ \t]|:\r?$)[^\n])*$/dm;
export const commentBeforeValue = (text: string): number | undefined => COMMENT_BEFORE_VALUE.exec(text)?.indices?.[1]?.[0];

export function parseYaml(file: string, text: string): ParseResult {
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  const seen: Seen = { tags: [], yamlDirectives: [] };
  try {
    doc = parseOne(text, lineCounter, seen);
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
  if (problems.some((e) => isStackOverflow(e.message))) return tooDeep(file, text, at(problems[0]!.pos[0]));
  const coreHandle = doc.directives.tags["!!"] === CORE_PREFIX;
  const refusedTags = seen.tags.filter((t) => !(coreHandle && CORE_TAGS.test(t.source)));
  const refusedAt = new Set(refusedTags.map((t) => t.offset));
  const diagnostics = [
    ...refusedTags.map((t) => diagnostic(file, at(t.offset), `tag \`${keyLabel(t.source)}\` is not allowed: a file holds plain data, and the only tags are the core schema's ${ALLOWED_TAGS}`)),
    // The parser's own word on a refused tag would say the same again.
    ...problems.filter((e) => !(e.code === "TAG_RESOLVE_FAILED" && refusedAt.has(e.pos[0]))).map((e) => describe(file, doc, text, e, at)),
    ...seen.yamlDirectives.slice(1).map((d) => diagnostic(file, at(d.offset), "invalid YAML: a second %YAML directive; a document has at most one")),
  ];
  const comment = commentBeforeValue(text);
  if (comment !== undefined) diagnostics.push(diagnostic(file, at(comment), "write a space after this #: a comment like #this, between a key or - and a value on a later line, makes the YAML parser misread the value"));
  if (diagnostics.length === 0) diagnostics.push(...keyProblems(file, doc, at));
  if (diagnostics.length > 0) return { ok: false, diagnostics: diagnostics.sort(byPosition).slice(0, MAX_SYNTAX_ERRORS) };
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

/**
 * parseDocument, keeping the tokens the document does not: how each tag was written (the
 * document keeps only what it resolved to) and the `%YAML` directives (the parser lets a
 * second one pass, which YAML forbids).
 */
function parseOne(text: string, lineCounter: LineCounter, seen: Seen): Document.Parsed {
  const tokens = observe(new Parser(lineCounter.addNewLine).parse(text), seen, text.includes("!"));
  const composer = new Composer(YAML_OPTIONS);
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokens, true, text.length)) {
    if (doc) {
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], "MULTIPLE_DOCS", "Source contains multiple documents"));
      break;
    }
    doc = next;
  }
  // compose() always ends with a document when asked to (forceDoc).
  return doc!;
}

interface Seen {
  tags: CST.SourceToken[];
  yamlDirectives: CST.Directive[];
}

/** Passes the tokens on, noting the `%YAML` directives and, when asked, every tag token inside each. */
function* observe(tokens: Iterable<CST.Token>, seen: Seen, tags: boolean): Generator<CST.Token> {
  for (const token of tokens) {
    if (token.type === "directive" && /^%YAML\b/.test(token.source)) seen.yamlDirectives.push(token);
    // Without recursion: a token holds every token nested inside it, however deep.
    const stack: unknown[] = tags ? [token] : [];
    while (stack.length) {
      const t = stack.pop();
      if (t === null || typeof t !== "object") continue;
      if (Array.isArray(t)) {
        for (let i = t.length - 1; i >= 0; i--) stack.push(t[i]);
        continue;
      }
      if ((t as CST.SourceToken).type === "tag") seen.tags.push(t as CST.SourceToken);
      else for (const v of Object.values(t)) if (v !== null && typeof v === "object") stack.push(v);
    }
    yield token;
  }
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
    // Tags other than the core schema's are refused before this; a core tag can still not fit (`!!int abc`).
    const tag = /^!\S*/.exec(text.slice(e.pos[0], e.pos[1]))?.[0] ?? e.message.replace(/^Unresolved tag:\s*/, "");
    return diagnostic(file, pos, `tag \`${keyLabel(tag)}\` does not fit the value it is on; remove the tag, or write a value of that type`);
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

/**
 * Keys that data made of the document cannot hold as written. A property name is text:
 * the exact parser would stringify a list or mapping key (`[a, b]` becomes "[ a, b ]", with
 * a warning on stderr) and a null key (`~:`, `null:`, or none at all) becomes "", where
 * js-yaml writes "a,b" and "null"; and `1:` and `"1":` are two keys to the parser but one
 * property, the last silently winning. Refused, so every reader gives a file one meaning.
 */
function keyProblems(file: string, doc: Document.Parsed, at: (offset: number) => Position): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const n of nodes(doc)) {
    if (!isMap(n)) continue;
    const names: Array<{ value: unknown; offset: number }> = [];
    // The parser's own duplicate check compares string values as written: it misses 1 and
    // "1", and a key behind an alias.
    let unchecked = false;
    for (const pair of n.items) {
      const written = pair.key as Node | null;
      const key = isAlias(written) ? (written.resolve(doc) ?? written) : written;
      const offset = written?.range?.[0] ?? (pair.value as Node | null)?.range?.[0] ?? n.range?.[0] ?? 0;
      if (isMap(key) || isSeq(key)) out.push(diagnostic(file, at(offset), "a list or mapping cannot be a key: a key is a name; write it as text"));
      else if (!isScalar(key) || key.value === null) out.push(diagnostic(file, at(offset), 'an empty or null key (~, null) names nothing: write a name, or quote it ("null")'));
      else {
        unchecked ||= typeof key.value !== "string" || key !== written;
        names.push({ value: key.value, offset });
      }
    }
    if (unchecked && out.length === 0) out.push(...sameName(file, names, at));
  }
  return out;
}

/** The first key that names the same property as one before it. */
function sameName(file: string, keys: ReadonlyArray<{ value: unknown; offset: number }>, at: (offset: number) => Position): Diagnostic[] {
  const first = new Map<string, number>();
  for (const { value, offset } of keys) {
    const name = String(value);
    const before = first.get(name);
    if (before !== undefined) return [diagnostic(file, at(offset), duplicateKeyMessage(name, at(before).line))];
    first.set(name, offset);
  }
  return [];
}

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
