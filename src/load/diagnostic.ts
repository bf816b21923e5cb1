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
  /** Set on the one line that counts a file's problems beyond LISTED_PROBLEMS: how many it stands for. */
  more?: number;
}

/**
 * How many problems of one file are worked out and listed. A generated file can hold a
 * million; listing them all floods the terminal, and working them out (a position, and a
 * did-you-mean over every id of the file) costs more than the rest of the run.
 */
export const LISTED_PROBLEMS = 100;

/** Bad input: exit code 2. Carries every problem found, not just the first. */
export class InputError extends Error {
  readonly diagnostics: Diagnostic[];
  /** Source text per file, so the reporter can show excerpts. */
  readonly sources: ReadonlyMap<string, string>;

  /** At most LISTED_PROBLEMS per file are kept, in the order given; a last line counts the rest. */
  constructor(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string> = new Map()) {
    const listed = listProblems(diagnostics);
    super(listed.map((d) => `${d.file}:${d.line}:${d.column}  ${d.message}`).join("\n"));
    this.name = "InputError";
    this.diagnostics = listed;
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

/** File, then place; a file's line counting unlisted problems comes after its listed ones. */
export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return compareStrings(a.file, b.file) || Number(a.more !== undefined) - Number(b.more !== undefined) || a.line - b.line || a.column - b.column || compareStrings(a.message, b.message);
}

function moreProblems(file: string, count: number, severity: Diagnostic["severity"]): Diagnostic {
  const d = diagnostic(file, undefined, `… and ${count} more problem${count === 1 ? "" : "s"} in this file, not listed (the first ${LISTED_PROBLEMS} are)`, severity);
  return { ...d, more: count };
}

/** How many problems the diagnostics stand for, the unlisted ones included. */
export function problemCount(diagnostics: readonly Diagnostic[]): number {
  let n = 0;
  for (const d of diagnostics) n += d.more ?? 1;
  return n;
}

/**
 * The first LISTED_PROBLEMS problems of each file, in the order given, and where a file's
 * next one would have been, one line counting the rest (lines that already count some fold
 * into it). An error among the rest makes that line an error.
 */
export function listProblems(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const listed = new Map<string, number>();
  const rest = new Map<string, { at: number; count: number; severity: Diagnostic["severity"] }>();
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const n = listed.get(d.file) ?? 0;
    if (d.more === undefined && n < LISTED_PROBLEMS) {
      listed.set(d.file, n + 1);
      out.push(d);
      continue;
    }
    let r = rest.get(d.file);
    if (!r) {
      rest.set(d.file, (r = { at: out.length, count: 0, severity: "warning" }));
      out.push(d);
    }
    r.count += d.more ?? 1;
    if (d.severity === "error") r.severity = "error";
  }
  for (const [file, r] of rest) out[r.at] = moreProblems(file, r.count, r.severity);
  return out;
}

/**
 * Collects one file's problems as they are found: the first LISTED_PROBLEMS are worked out
 * (`make` is called), the others only counted.
 */
export class ProblemList {
  private readonly listed: Diagnostic[] = [];
  private unlisted = 0;
  private unlistedSeverity: Diagnostic["severity"] = "warning";

  constructor(private readonly file: string) {}

  add(make: () => Diagnostic, severity: Diagnostic["severity"] = "error"): void {
    if (this.listed.length < LISTED_PROBLEMS) {
      this.listed.push(make());
      return;
    }
    this.unlisted++;
    if (severity === "error") this.unlistedSeverity = "error";
  }

  get size(): number {
    return this.listed.length + this.unlisted;
  }

  toArray(): Diagnostic[] {
    return this.unlisted ? [...this.listed, moreProblems(this.file, this.unlisted, this.unlistedSeverity)] : [...this.listed];
  }
}
