import type { Diagnostic } from "../load/diagnostic.js";
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


function fitMessage(message: string): string {
  let m = message.replace(new RegExp(`[^\\s"\`]{${MAX_TOKEN + 1},}`, "g"), (run) => `${run.slice(0, MAX_TOKEN - 20)}…(${run.length} characters)`);
  if (m.length > MAX_MESSAGE) m = `${m.slice(0, MAX_MESSAGE - 1)}…`;
  return printable(m);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(text: string, from: number): string {
  const end = text.indexOf("\n", from);
  const line = text.slice(from, end === -1 ? text.length : end);
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}

/**
 * `file:line:column  message`, then the source line with a caret under the column. The
 * excerpt is the raw file, so credential-like values are redacted here, caret kept on target.
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>, style: Style = PLAIN): string {
  const out: string[] = [];
  // Line starts, not lines: splitting a 64 MB input into strings to show one line of it is waste.
  const lineCache = new Map<string, number[]>();
  for (const d of diagnostics) {
    const where = printable(d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file);
    const label = d.severity === "error" ? style.red("error") : style.yellow("warning");
    out.push(`${style.bold(where)}  ${label}  ${fitMessage(redactText(d.message))}`);
    const text = sources.get(d.file);
    if (text === undefined || d.line < 1) continue;
    if (!lineCache.has(d.file)) lineCache.set(d.file, lineStarts(text));
    const from = lineCache.get(d.file)![d.line - 1];
    if (from === undefined) continue;
    const { text: src, column } = redactSourceLine(lineAt(text, from), d.column, text.slice(Math.max(0, from - PEM_CONTEXT), from));
    const start = Math.max(0, column - 1 - CONTEXT_WIDTH / 2);
    const shown = (start > 0 ? "…" : "") + printable(src.slice(start, start + CONTEXT_WIDTH).replace(/\t/g, " ")) + (src.length > start + CONTEXT_WIDTH ? "…" : "");
    const caretAt = column - 1 - start + (start > 0 ? 1 : 0);
    const gutter = String(d.line).padStart(5);
    out.push(style.dim(`${gutter} | `) + shown);
    out.push(style.dim(`${" ".repeat(gutter.length)} | `) + " ".repeat(Math.max(0, caretAt)) + style.red("^"));
  }
  return out.join("\n");
}
