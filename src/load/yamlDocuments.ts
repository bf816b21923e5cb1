import { InputError, type Diagnostic } from "./diagnostic.js";
import { readYaml } from "./readYaml.js";
import type { Path, Position, SourceDoc } from "./sourceDoc.js";

export type DocumentsResult = { ok: true; docs: SourceDoc[] } | { ok: false; diagnostics: Diagnostic[] };

/**
 * A document marker: `---` or `...` at the start of a line, alone or before a space. YAML
 * forbids such a line inside any scalar, block or quoted, so it always ends a document.
 */
const MARKER = /^(?:---|\.\.\.)(?=[ \t]|\r?\n|$)/;
/** A line that is blank, a comment or a directive: no content of a document. */
const NO_CONTENT = /^(?:[ \t]*(?:#.*)?|%.*)\r?$/;
const empty = (text: string) => text.split("\n").every((l) => NO_CONTENT.test(l));

/**
 * Every document of a multi-document YAML file (Kubernetes manifests), each read by readYaml
 * as a file of its own, so each gets the fast path, the hostile-input checks and exact
 * positions; positions and messages count lines in the whole file. A `.json` file is one
 * document. Documents that hold nothing (between two markers, or only comments) are left out.
 */
export function readYamlDocuments(file: string, text: string): DocumentsResult {
  if (file.endsWith(".json")) {
    const r = readYaml(file, text);
    return r.ok ? { ok: true, docs: [r.doc] } : r;
  }
  const docs: SourceDoc[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const part of documentParts(text)) {
    if (empty(part.text)) continue;
    const r = readYaml(file, part.text);
    if (r.ok) docs.push(shifted(r.doc, part.lines, text));
    else diagnostics.push(...r.diagnostics.map((d) => shiftDiagnostic(d, part.lines)));
  }
  return diagnostics.length ? { ok: false, diagnostics } : { ok: true, docs };
}

/** The text of each document and how many lines of the file come before it; a marker's own line is blanked, so columns stay. */
function documentParts(text: string): Array<{ text: string; lines: number }> {
  const parts: Array<{ text: string; lines: number }> = [];
  let start = 0;
  let startLine = 0;
  let line = 0;
  let pending = "";
  for (let at = 0; at <= text.length; line++) {
    const nl = text.indexOf("\n", at);
    const end = nl === -1 ? text.length : nl + 1;
    const content = text.slice(at, end);
    if (MARKER.test(content)) {
      parts.push({ text: pending + text.slice(start, at), lines: startLine });
      pending = " ".repeat(3) + content.slice(3);
      start = end;
      startLine = line;
    }
    if (nl === -1) break;
    at = end;
  }
  parts.push({ text: pending + text.slice(start), lines: startLine });
  return parts;
}

const shift = (p: Position | undefined, lines: number): Position | undefined => p && { line: p.line + lines, column: p.column };

function shiftDiagnostic(d: Diagnostic, lines: number): Diagnostic {
  return d.line > 0 ? { ...d, line: d.line + lines } : d;
}

/** The document with the lines before it counted; the exact parser's refusal, met while locating, too. */
function shifted(doc: SourceDoc, lines: number, whole: string): SourceDoc {
  const guard = (find: (path: Path) => Position | undefined) => (path: Path) => {
    try {
      return shift(find(path), lines);
    } catch (e) {
      if (e instanceof InputError) throw new InputError(e.diagnostics.map((d) => shiftDiagnostic(d, lines)), new Map([[doc.file, whole]]));
      throw e;
    }
  };
  return { file: doc.file, text: doc.text, data: doc.data, locate: guard(doc.locate), locateKey: guard(doc.locateKey) };
}
