import { CsvError } from "csv-parse/sync";
import type { Position } from "../../sourceDoc.js";
import { lineColumn, lineStarts } from "../../lineColumn.js";

/** csv-parse's refusals in our words: what was expected, and where the quote at fault is. */
const WORDS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted field is never closed: expected a closing `\"`",
  INVALID_OPENING_QUOTE: "a quote inside an unquoted field: expected the whole field in quotes, with `\"\"` for each quote in it",
  CSV_INVALID_CLOSING_QUOTE: "text after a closing quote: expected `,` or the end of the line",
};

/** Where and why csv-parse refused the text; undefined for anything that is not its refusal. */
export function csvProblem(text: string, e: unknown): { at: Position; message: string } | undefined {
  if (!(e instanceof CsvError)) return undefined;
  const starts = lineStarts(text);
  const at = e.code === "CSV_QUOTE_NOT_CLOSED" ? openQuote(text, starts) : quoteOnLine(text, starts, typeof e.lines === "number" ? e.lines : 1);
  return { at, message: `invalid CSV: ${WORDS[e.code] ?? e.message}` };
}

/** The quote that opens the field left open at the end: csv-parse names only the last line. */
function openQuote(text: string, starts: readonly number[]): Position {
  let open = -1;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) open = open === -1 ? i : -1;
  return open === -1 ? { line: 1, column: 1 } : lineColumn(starts, open);
}

/** The line's first quote, the one a quoting error is about; its start when it has none. */
function quoteOnLine(text: string, starts: readonly number[], line: number): Position {
  const from = starts[Math.min(line, starts.length) - 1]!;
  const end = text.indexOf("\n", from);
  const q = text.indexOf('"', from);
  return q !== -1 && (end === -1 || q < end) ? lineColumn(starts, q) : { line, column: 1 };
}
