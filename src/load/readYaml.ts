import jsYaml from "js-yaml";
import { diagnostic, InputError } from "./diagnostic.js";
import { readBlockYaml, type BlockYaml } from "./blockYaml.js";
import { lineColumn, lineStarts } from "./lineColumn.js";
import { CORE_SCHEMA } from "./coreSchema.js";
import { exactOnly } from "./exactOnly.js";
import { indentWatch, type IndentWatch } from "./indentWatch.js";
import { deepNesting, fastLocator } from "./fastLocate.js";
import { jsonDuplicateKeys } from "./jsonDuplicateKeys.js";
import { jsonPositions, type JsonPositions } from "./jsonPositions.js";
import { jsonSyntaxError } from "./jsonSyntaxError.js";
import { duplicateKeyMessage, keyLabel, MAX_NESTING, MAX_SYNTAX_ERRORS, parseYaml, TOO_DEEP, type ParseResult } from "./parseYaml.js";
import type { Path, Position, SourceDoc } from "./sourceDoc.js";

/**
 * A little above MAX_NESTING, since js-yaml also counts the scalar at the end of a chain:
 * what it refuses is too deep by our count as well, and the data check below has the
 * final, exact word.
 */
const JS_YAML_OPTIONS = { schema: CORE_SCHEMA, maxDepth: MAX_NESTING + 2 } as jsYaml.LoadOptions;

/**
 * Texts longer than this never go to the exact parser, which takes some 70 bytes of memory
 * per byte of text: a 60 MB file would want more than Node's whole heap. Their syntax errors
 * are js-yaml's, their aliases are bounded by the data check below, and a position the fast
 * readers are not sure of is that of the nearest ancestor they are sure of.
 */
export const EXACT_PARSER_LIMIT = 8 * 1024 * 1024;

/**
 * The data path for large inputs: js-yaml (or JSON.parse for `.json`) reads the data, and
 * positions are found only when a finding or a message asks for one, by walking the text
 * alongside the data. Anything unusual — a parse error, anchors or aliases, a position the
 * walk is not sure of — goes to the exact `yaml` parser, so every input keeps one meaning.
 * js-yaml reads every YAML file first all the same: it refuses deep nesting at once, where
 * the exact parser recurses until it runs out of stack. Either way the data is then checked
 * for what no file of ours needs and an attacker might use: keys that reach
 * Object.prototype, nesting deep enough to exhaust the stack of whatever reads the data
 * next, an alias that contains itself.
 */
export function readYaml(file: string, text: string): ParseResult {
  // Block-style inventories are read in one pass that keeps every position (blockYaml.ts).
  // It declines aliases, prototype keys and deep nesting, so its data needs no inspection.
  const block = file.endsWith(".json") ? undefined : readBlockYaml(text);
  if (block) return { ok: true, doc: blockDoc(file, text, block) };
  let data: unknown;
  let watch: IndentWatch | undefined;
  try {
    data = file.endsWith(".json") ? JSON.parse(text) : jsYaml.load(text, { ...JS_YAML_OPTIONS, listener: (watch = indentWatch(text)).listener });
  } catch (e) {
    // JSON that JSON.parse refuses may still be YAML, as the exact parser would read it.
    if (text.length > EXACT_PARSER_LIMIT) return file.endsWith(".json") ? jsonRefusal(file, text, e) : jsYamlRefusal(file, text, e);
    // js-yaml stops at its depth limit at once; the exact parser would recurse until out of stack.
    if (e instanceof jsYaml.YAMLException && /maxDepth/.test(e.reason)) {
      return { ok: false, diagnostics: [diagnostic(file, { line: e.mark.line + 1, column: e.mark.column + 1 }, `invalid YAML: ${TOO_DEEP}`)] };
    }
    if (e instanceof RangeError) {
      const at = deepNesting(text, MAX_NESTING);
      if (at) return { ok: false, diagnostics: [diagnostic(file, at, `invalid YAML: ${TOO_DEEP}`)] };
    }
    // Let the exact parser find and word the problem, with its position.
    return checked(parseYaml(file, text));
  }
  const large = text.length > EXACT_PARSER_LIMIT;
  // js-yaml has screened the nesting (and shares aliased nodes rather than copying them);
  // what it reads otherwise than the exact parser, or should have refused, goes there.
  if (watch?.found() || (!file.endsWith(".json") && exactOnly(text))) return large ? largeExactOnly(file, text, data, watch) : checked(parseYaml(file, text));
  // JSON: every position found in one pass, once the data is known to be safe to walk.
  let indexed: JsonPositions | undefined;
  const doc = walkedDoc(file, text, data === undefined ? null : data, { locate: (path) => indexed?.locate(path), locateKey: (path) => indexed?.locateKey(path) });
  const problem = inspect(doc.data, text.length);
  // More values than characters: js-yaml expanded aliases the pattern above missed. The
  // exact parser caps that expansion.
  if (problem?.kind === "expanded") return checked(large ? { ok: true, doc } : parseYaml(file, text));
  // A forbidden key is named at its position; the one pass declines, rather than overflows, deep data.
  if (file.endsWith(".json") && problem?.kind !== "deep" && problem?.kind !== "cycle") indexed = jsonPositions(text, data);
  if (problem) return refuse(doc, problem);
  if (file.endsWith(".json")) {
    // A repeated key is what the one pass declines; the exact parser, which would say so,
    // needs some 70 bytes of memory per byte of a large export.
    const repeated = indexed ? [] : jsonDuplicateKeys(text, MAX_SYNTAX_ERRORS);
    if (repeated.length) return { ok: false, diagnostics: repeated.map((r) => diagnostic(file, r.at, duplicateKeyMessage(r.key, r.firstLine))) };
  }
  return { ok: true, doc };
}

/** What js-yaml refused, as a diagnostic: too deep, or its own words at its position. */
function jsYamlRefusal(file: string, text: string, e: unknown): ParseResult {
  if (e instanceof jsYaml.YAMLException) {
    const at = { line: e.mark.line + 1, column: e.mark.column + 1 };
    return { ok: false, diagnostics: [diagnostic(file, at, `invalid YAML: ${/maxDepth/.test(e.reason) ? TOO_DEEP : e.reason}`)] };
  }
  if (e instanceof RangeError) return { ok: false, diagnostics: [diagnostic(file, deepNesting(text, MAX_NESTING) ?? { line: 1, column: 1 }, `invalid YAML: ${TOO_DEEP}`)] };
  throw e;
}

/**
 * A .json file over EXACT_PARSER_LIMIT that JSON.parse refused. Read as YAML it would need
 * the exact parser to agree on its meaning, and that parser cannot take a text this large:
 * the file is refused at the place JSON.parse names.
 */
function jsonRefusal(file: string, text: string, e: unknown): ParseResult {
  if (!(e instanceof SyntaxError)) throw e;
  // Node's own message names no line, often no position, and may quote the whole text.
  const refused = jsonSyntaxError(text);
  return { ok: false, diagnostics: [diagnostic(file, refused.at, refused.message)] };
}

/**
 * A large text that holds what js-yaml may read otherwise than the exact parser, which
 * cannot read a text this large. Anchors and aliases alone are safe: both readers give the
 * same data, and the data check bounds their expansion. Anything else is refused rather
 * than read in a way the exact parser might not agree with.
 */
function largeExactOnly(file: string, text: string, data: unknown, watch: IndentWatch | undefined): ParseResult {
  if (!watch?.found() && !exactOnly(text, { anchors: false })) return checked({ ok: true, doc: walkedDoc(file, text, data === undefined ? null : data) });
  return { ok: false, diagnostics: [diagnostic(file, { line: 1, column: 1 }, LARGE_EXACT_ONLY)] };
}

export const LARGE_EXACT_ONLY =
  "this file is over 8 MB and uses YAML forms that only the exact parser reads right (tags, explicit, empty or null keys, directives, tabs in indentation, comments stuck to values), which cannot read a file this large: write it in plain block style, or as JSON";

/**
 * A document whose data was read by something that kept no positions (js-yaml, JSON.parse,
 * a copy from a worker thread): positions are found on demand by walking the text alongside
 * the data, and by the exact parser for what the walk is not sure of.
 */
export function walkedDoc(file: string, text: string, data: unknown, first?: Pick<SourceDoc, "locate" | "locateKey">): SourceDoc {
  const slow = exactParser(file, text);
  const walk = fastLocator(text);
  const fast = (path: Path) => first?.locate(path) ?? walk(path, data);
  return {
    file,
    text,
    data,
    locate: (path) => fast(path) ?? (slow ? slow().locate(path) : nearest(fast, path)),
    // Asked for in error messages only; without a one-pass index, the exact parser answers.
    locateKey: (path) => first?.locateKey(path) ?? (slow ? slow().locateKey(path) : nearest(fast, path)),
  };
}

/** Where the nearest ancestor of `path` that `locate` is sure of starts. */
function nearest(locate: (path: Path) => Position | undefined, path: Path): Position | undefined {
  for (let n = path.length; n >= 0; n--) {
    const at = locate(path.slice(0, n));
    if (at) return at;
  }
  return undefined;
}

/**
 * The exact parser caps aliases inside aliases ("billion laughs"), but not many aliases of
 * one large anchor, which every reader after it would walk in full: that is bounded here,
 * by the file's own size.
 */
const expansionBudget = (text: string) => 2 * text.length + 10_000;

function checked(r: ParseResult): ParseResult {
  if (!r.ok) return r;
  const budget = expansionBudget(r.doc.text);
  const problem = inspect(r.doc.data, budget);
  if (problem?.kind === "expanded") {
    const alias = /(?:^|[\s[{,:])\*[^\s,\]}]/m.exec(r.doc.text);
    const at = alias ? lineColumn(lineStarts(r.doc.text), alias.index + alias[0].indexOf("*")) : { line: 1, column: 1 };
    return { ok: false, diagnostics: [diagnostic(r.doc.file, at, `YAML could not be expanded: its aliases expand to more than ${budget} values, far more than the file holds; write the values out`)] };
  }
  return problem ? refuse(r.doc, problem) : r;
}


/** Keys that reach an object's prototype, and `<<`, which YAML 1.1 readers treat as a merge. */
const FORBIDDEN_KEYS = new Map([
  ["__proto__", "it would reach the prototype of every object"],
  ["constructor", "it would reach the prototype of every object"],
  ["prototype", "it would reach the prototype of every object"],
  ["<<", "merge keys are not supported; write the fields out"],
]);

type Problem = { kind: "key"; path: Path; key: string } | { kind: "deep" | "cycle"; path: Path } | { kind: "expanded" };

interface Frame {
  value: unknown;
  parent: Frame | undefined;
  seg: string | number;
  depth: number;
}

const pathOf = (f: Frame | undefined): Path => {
  const out: Array<string | number> = [];
  for (let x = f; x?.parent; x = x.parent) out.push(x.seg);
  return out.reverse();
};

/**
 * One pass over the data, without recursion: the first forbidden key, nesting past the
 * limit (an alias that contains itself nests without end), or more values than `budget`.
 */
function inspect(data: unknown, budget: number): Problem | undefined {
  const stack: Frame[] = [{ value: data, parent: undefined, seg: "", depth: 0 }];
  let seen = 0;
  while (stack.length) {
    const f = stack.pop()!;
    const v = f.value;
    if (v === null || typeof v !== "object") continue;
    const keys = Array.isArray(v) ? undefined : Object.keys(v);
    // Every value counts, scalars too: many aliases of one long list expand to nothing but scalars.
    seen += 1 + (keys ? keys.length : (v as unknown[]).length);
    if (seen > budget) return { kind: "expanded" };
    if (f.depth >= MAX_NESTING) {
      const chain: Frame[] = [];
      for (let a: Frame | undefined = f; a; a = a.parent) chain.unshift(a);
      const values = new Set<unknown>();
      // Where a value first repeats along the chain is where the alias to its ancestor is written.
      const repeat = chain.find((a) => values.has(a.value) || !values.add(a.value));
      return repeat ? { kind: "cycle", path: pathOf(repeat) } : { kind: "deep", path: pathOf(f) };
    }
    if (keys) {
      const key = keys.find((k) => FORBIDDEN_KEYS.has(k));
      if (key !== undefined) return { kind: "key", path: [...pathOf(f), key], key };
    }
    // Pushed last to first, so the first problem in the file is the one found.
    const n = keys ? keys.length : (v as unknown[]).length;
    for (let i = n - 1; i >= 0; i--) {
      const seg = keys ? keys[i]! : i;
      const child = (v as Record<string | number, unknown>)[seg];
      if (child !== null && typeof child === "object") stack.push({ value: child, parent: f, seg, depth: f.depth + 1 });
    }
  }
  return undefined;
}

function refuse(doc: SourceDoc, p: Exclude<Problem, { kind: "expanded" }>): ParseResult {
  // Finding a position may take the exact parser, which can refuse the file itself.
  const where = (find: () => Position | undefined): Position => {
    try {
      return find() ?? { line: 1, column: 1 };
    } catch (e) {
      if (e instanceof InputError) return e.diagnostics[0] ?? { line: 1, column: 1 };
      throw e;
    }
  };
  if (p.kind === "key") {
    const why = FORBIDDEN_KEYS.get(p.key)!;
    return { ok: false, diagnostics: [diagnostic(doc.file, where(() => doc.locateKey(p.path)), `key \`${keyLabel(p.key)}\` is not allowed: ${why}`)] };
  }
  const message = p.kind === "cycle" ? "invalid YAML: an alias refers to a list or mapping that contains it, so it never ends" : `invalid YAML: ${TOO_DEEP}`;
  return { ok: false, diagnostics: [diagnostic(doc.file, where(() => doc.locate(p.path)), message)] };
}

/** The exact parser's reading of the text, parsed on first use; none for a text too large for it. */
function exactParser(file: string, text: string): (() => SourceDoc) | undefined {
  if (text.length > EXACT_PARSER_LIMIT) return undefined;
  let exact: SourceDoc | undefined;
  return () => {
    if (!exact) {
      const r = parseYaml(file, text);
      // The exact parser is the judge: what it refuses is refused, even when a faster reader read it.
      if (!r.ok) throw new InputError(r.diagnostics, new Map([[file, text]]));
      exact = r.doc;
    }
    return exact;
  };
}

function blockDoc(file: string, text: string, block: BlockYaml): SourceDoc {
  const slow = exactParser(file, text);
  let walk: ReturnType<typeof fastLocator> | undefined;
  // What the reader did not record (inside one-line lists) the text walk finds.
  const fast = (path: Path) => block.locate(path) ?? (walk ??= fastLocator(text))(path, block.data);
  return {
    file,
    text,
    data: block.data,
    locate: (path) => fast(path) ?? (slow ? slow().locate(path) : nearest(fast, path)),
    locateKey: (path) => (slow ? slow().locateKey(path) : nearest(fast, path)),
  };
}

