import { compareStrings } from "../engine/compare.js";
import { redactText } from "../redact/redactText.js";
/** A problem in a user's file, shown as `file:line:column  message` with a source excerpt. */
export interface Diagnostic {
  file: string;
  /** 1-based; 0 when the problem concerns the whole file. */
  line: number;
  /** 1-based; 0 when the problem concerns the whole file. */
  column: number;
  message: string;
  severity: "error" | "warning";
}

/** Bad input: exit code 2. Carries every problem found, not just the first. */
export class InputError extends Error {
  readonly diagnostics: Diagnostic[];
  /** Source text per file, so the reporter can show excerpts. */
  readonly sources: ReadonlyMap<string, string>;

  constructor(diagnostics: Diagnostic[], sources: ReadonlyMap<string, string> = new Map()) {
    super(diagnostics.map((d) => `${d.file}:${d.line}:${d.column}  ${d.message}`).join("\n"));
    this.name = "InputError";
    this.diagnostics = diagnostics;
    this.sources = sources;
  }
}

/** Bad command-line usage: exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Messages quote the user's values, so they are redacted where they are made, for every format. */
export function diagnostic(
  file: string,
  pos: { line: number; column: number } | undefined,
  message: string,
  severity: Diagnostic["severity"] = "error",
): Diagnostic {
  return { file, line: pos?.line ?? 0, column: pos?.column ?? 0, message: redactText(message), severity };
}

export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return compareStrings(a.file, b.file) || a.line - b.line || a.column - b.column || compareStrings(a.message, b.message);
}
