import { listProblems, type Diagnostic } from "../load/diagnostic.js";
import { redactSourceLine } from "../redact/redactSourceLine.js";
import { redactText } from "../redact/redactText.js";
import { printable } from "./printable.js";
import { PLAIN, type Style } from "./style.js";

const CONTEXT_WIDTH = 100;
/** How far back to look for the BEGIN line of a private key an excerpt line may be part of. */
const PEM_CONTEXT = 64 * 1024;
/** A message quotes values from the file, which may be a megabyte long. */
const MAX_MESSAGE = 500;
const MAX_TOKEN = 120;
/** What ends a token of a message. */
const BREAK = /[\s"`]/;
/**
 * How much of a source line around the column is read for its excerpt. A one-line JSON
 * file is one line of 60 MB; redacting all of it for each message would cost a pass over
 * the file per message. Far wider than the 100 characters shown, so a secret that reaches
 * into them is read whole.
 */
const LINE_REACH = 64 * 1024;

/**
 * Tokens longer than MAX_TOKEN shortened, with their length, and the message cut at
 * MAX_MESSAGE. A scan rather than a regular expression, which overflows its backtracking
 * stack on a token of a few megabytes; it stops once the message is long enough to cut.
 */
function fitMessage(message: string): string {
  let m = "";
  let start = 0;
  for (let i = 0; i <= message.length && m.length <= MAX_MESSAGE; i++) {
    if (i < message.length && !BREAK.test(message[i]!)) continue;
    const run = i - start;
    m += run > MAX_TOKEN ? `${message.slice(start, start + MAX_TOKEN - 20)}…(${run} characters)` : message.slice(start, i);
    if (i < message.length) m += message[i];
    start = i + 1;
  }
  if (m.length > MAX_MESSAGE) m = `${m.slice(0, MAX_MESSAGE - 1)}…`;
  return printable(m);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** The part of the line from `from` to `next` (the next line's start) within LINE_REACH of `column`, and where it starts in the line. */
function lineAround(text: string, from: number, next: number | undefined, column: number): { line: string; cut: number } {
  const end = next === undefined ? text.length : next - 1;
  const cut = Math.max(0, column - 1 - LINE_REACH);
  const stop = Math.min(end, from + column - 1 + LINE_REACH);
  const line = text.slice(from + cut, stop);
  return { line: stop === end && line.endsWith("\r") ? line.slice(0, -1) : line, cut };
}

/**
 * `file:line:column  message`, then the source line with a caret under the column. The
 * excerpt is the raw file, so credential-like values are redacted here, caret kept on target.
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>, style: Style = PLAIN): string {
  const out: string[] = [];
  // Line starts, not lines: splitting a 64 MB input into strings to show one line of it is waste.
  const lineCache = new Map<string, number[]>();
  // However many there are, a file's first problems and a count of the rest.
  for (const d of listProblems(diagnostics)) {
    const where = printable(d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file);
    const label = d.severity === "error" ? style.red("error") : style.yellow("warning");
    out.push(`${style.bold(where)}  ${label}  ${fitMessage(redactText(d.message))}`);
    const text = sources.get(d.file);
    if (text === undefined || d.line < 1) continue;
    if (!lineCache.has(d.file)) lineCache.set(d.file, lineStarts(text));
    const starts = lineCache.get(d.file)!;
    const from = starts[d.line - 1];
    if (from === undefined) continue;
    const { line, cut } = lineAround(text, from, starts[d.line], d.column);
    const redacted = redactSourceLine(line, d.column - cut, text.slice(Math.max(0, from + cut - PEM_CONTEXT), from + cut));
    const src = redacted.text;
    const column = redacted.column;
    const start = Math.max(0, column - 1 - CONTEXT_WIDTH / 2);
    const shown = (start > 0 ? "…" : "") + printable(src.slice(start, start + CONTEXT_WIDTH).replace(/\t/g, " ")) + (src.length > start + CONTEXT_WIDTH ? "…" : "");
    const caretAt = column - 1 - start + (start > 0 ? 1 : 0);
    const gutter = String(d.line).padStart(5);
    out.push(style.dim(`${gutter} | `) + shown);
    out.push(style.dim(`${" ".repeat(gutter.length)} | `) + " ".repeat(Math.max(0, caretAt)) + style.red("^"));
  }
  return out.join("\n");
}
