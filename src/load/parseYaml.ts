import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { diagnostic, type Diagnostic } from "./diagnostic.js";
import type { Path, Position, SourceDoc } from "./sourceDoc.js";

/** Aliases beyond this are treated as an expansion attack ("billion laughs"). */
export const MAX_ALIAS_COUNT = 100;

export type ParseResult = { ok: true; doc: SourceDoc } | { ok: false; diagnostics: Diagnostic[] };

export function parseYaml(file: string, text: string): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      diagnostics: doc.errors.map((e) => diagnostic(file, at(e.pos[0]), `invalid YAML: ${firstLine(e.message)}`)),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, diagnostics: [diagnostic(file, { line: 1, column: 1 }, `YAML could not be expanded: ${message}`)] };
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

/** The parser's words, minus its API advice and with plain words for resource limits. */
function firstLine(s: string): string {
  const line = s.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
  if (/Maximum call stack/i.test(line)) return "nesting is too deep to read";
  if (/multiple documents/i.test(line)) return "a file holds one document, but this one has a second (after ---)";
  return line;
}
