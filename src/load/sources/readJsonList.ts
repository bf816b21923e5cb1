import type { z } from "zod";
import { diagnostic, InputError } from "../diagnostic.js";
import { readYaml } from "../readYaml.js";
import type { SecretHit } from "../../redact/redactDocument.js";
import type { Path, SourceDoc } from "../sourceDoc.js";
import { zodIssuesToDiagnostics } from "../zodIssues.js";

/** A cloud CLI's JSON list, checked against its schema, with the document for positions. */
export interface JsonList<T> {
  doc: SourceDoc;
  data: T;
  sources: Map<string, string>;
}

/**
 * The first steps every `--format=json` list export shares: refuses an empty file, a JSON
 * error or entries the schema does not take (InputError at file:line:column), and gives
 * undefined for other JSON unless the file must be this kind. `kind` names the list in the
 * message ("a service-account key list"), `label` what was expected.
 */
export function readJsonList<S extends z.ZodType>(file: string, text: string, mustBe: boolean, kind: string, label: string, schema: S): JsonList<z.infer<S>> | undefined {
  const sources = new Map([[file, text]]);
  if (text.trim() === "") throw new InputError([diagnostic(file, { line: 1, column: 1 }, `empty file: expected ${label}`)], sources);
  const parsed = readYaml(file, text);
  if (!parsed.ok) throw new InputError(parsed.diagnostics, sources);
  const doc = parsed.doc;
  if (!Array.isArray(doc.data)) {
    if (!mustBe) return undefined;
    throw new InputError([diagnostic(file, doc.locate([]), `not ${kind}: expected ${label}`)], sources);
  }
  const checked = schema.safeParse(doc.data);
  if (!checked.success) throw new InputError(zodIssuesToDiagnostics(checked.error.issues, doc, schema), sources);
  return { doc, data: checked.data, sources };
}

/** A secret a list export prints beside the ids (a new key's private key, a new client secret), at its place; never its value. */
export function secretAt(doc: SourceDoc, path: Path, kind: string): SecretHit {
  const pos = doc.locate(path) ?? { line: 1, column: 1 };
  return { file: doc.file, path, kinds: [kind], line: pos.line, column: pos.column };
}
