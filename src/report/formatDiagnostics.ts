import type { Diagnostic } from "../load/diagnostic.js";
import { PLAIN, type Style } from "./style.js";

const CONTEXT_WIDTH = 100;

/** `file:line:column  message`, then the source line with a caret under the column. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>, style: Style = PLAIN): string {
  const out: string[] = [];
  const lineCache = new Map<string, string[]>();
  for (const d of diagnostics) {
    const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
    const label = d.severity === "error" ? style.red("error") : style.yellow("warning");
    out.push(`${style.bold(where)}  ${label}  ${d.message}`);
    const text = sources.get(d.file);
    if (text === undefined || d.line < 1) continue;
    if (!lineCache.has(d.file)) lineCache.set(d.file, text.split(/\r?\n/));
    const src = lineCache.get(d.file)![d.line - 1];
    if (src === undefined) continue;
    const start = Math.max(0, d.column - 1 - CONTEXT_WIDTH / 2);
    const shown = (start > 0 ? "…" : "") + src.slice(start, start + CONTEXT_WIDTH).replace(/\t/g, " ");
    const caretAt = d.column - 1 - start + (start > 0 ? 1 : 0);
    const gutter = String(d.line).padStart(5);
    out.push(style.dim(`${gutter} | `) + shown);
    out.push(style.dim(`${" ".repeat(gutter.length)} | `) + " ".repeat(Math.max(0, caretAt)) + style.red("^"));
  }
  return out.join("\n");
}
