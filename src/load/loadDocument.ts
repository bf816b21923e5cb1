import type { z } from "zod";
import { redactDocument, type SecretHit } from "../redact/redactDocument.js";
import { byPosition, diagnostic, InputError, type Diagnostic } from "./diagnostic.js";
import { readYaml } from "./readYaml.js";
import type { SourceDoc } from "./sourceDoc.js";
import { zodIssuesToDiagnostics } from "./zodIssues.js";

export interface Loaded<T> {
  value: T;
  doc: SourceDoc;
  /** Credential-like values found in the file; its data holds their markers instead. */
  secrets: SecretHit[];
}

/**
 * Parses YAML text and validates its shape. `kind` is checked first so that a file of the
 * wrong kind gets one clear message instead of a page of schema errors.
 */
/** Checks that look past the shape (ids, codes); run on the raw data even when the shape is wrong, so every problem shows at once. */
export type ExtraChecks = (data: Record<string, unknown>, doc: SourceDoc) => Diagnostic[];

/**
 * `trusted`, when given, proves data valid without zod: what it accepts is used as read
 * (zod would copy every object of a large inventory); what it does not goes to zod.
 */
export function loadDocument<S extends z.ZodType>(file: string, text: string, schema: S, kind?: string, extra?: ExtraChecks, trusted?: (data: unknown) => boolean): Loaded<z.infer<S>> {
  const sources = new Map([[file, text]]);
  if (text.trim() === "") {
    throw new InputError([diagnostic(file, { line: 1, column: 1 }, `empty file: expected a YAML document${kind ? ` of kind: ${kind}` : ""}`)], sources);
  }
  const parsed = readYaml(file, text);
  if (!parsed.ok) throw new InputError(parsed.diagnostics, sources);
  const { doc } = parsed;
  // Before anything reads the data, so no message or report can echo a credential-like value.
  const secrets = redactDocument(doc);
  const data = doc.data;
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new InputError([diagnostic(file, doc.locate([]), `expected a mapping with apiVersion and kind${kind ? ` (kind: ${kind})` : ""}, got ${Array.isArray(data) ? "a list" : typeof data === "object" ? "nothing" : `a ${typeof data}`}`)], sources);
  }
  const actualKind = (data as Record<string, unknown>).kind;
  if (kind && actualKind !== kind) {
    const got = actualKind === undefined ? "no kind field" : `kind: ${String(actualKind)}`;
    throw new InputError([diagnostic(file, doc.locate(["kind"]), `expected kind: ${kind}, this file has ${got}`)], sources);
  }
  if (trusted?.(data) && !extra) return { value: data as z.infer<S>, doc, secrets };
  const result = schema.safeParse(data);
  const diagnostics = [
    ...(result.success ? [] : zodIssuesToDiagnostics(result.error.issues, doc, schema)),
    ...(extra ? extra(data as Record<string, unknown>, doc) : []),
  ];
  if (diagnostics.length) throw new InputError(diagnostics.sort(byPosition), sources);
  // No diagnostics means the schema passed.
  return { value: result.data as z.infer<S>, doc, secrets };
}
