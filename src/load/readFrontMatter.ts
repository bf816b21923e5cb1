import { redactDocument } from "../redact/redactDocument.js";
import { diagnostic, InputError } from "./diagnostic.js";
import { readYaml } from "./readYaml.js";
import { TicketFrontMatter } from "./schema/ticket.js";
import type { SourceDoc } from "./sourceDoc.js";
import { zodIssuesToDiagnostics } from "./zodIssues.js";

export interface FrontMatter {
  data: TicketFrontMatter;
  doc: SourceDoc;
  /** Where the text after the closing `---` line starts. */
  end: number;
}

const OPEN = /^---[ \t]*\r?\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

/**
 * The YAML front matter a ticket opens with, read by the project's YAML reader over the
 * file's own text up to the closing line, so its problems carry the file's lines.
 */
export function readFrontMatter(file: string, text: string): FrontMatter | undefined {
  const open = OPEN.exec(text);
  if (!open) return undefined;
  const rest = text.slice(open[0].length);
  const close = CLOSE.exec(rest);
  const sources = new Map([[file, text]]);
  if (!close) throw new InputError([diagnostic(file, { line: 1, column: 1 }, 'front matter is not closed: expected a line "---" after it')], sources);
  const yamlEnd = open[0].length + close.index;
  const parsed = readYaml(file, text.slice(0, yamlEnd));
  if (!parsed.ok) throw new InputError(parsed.diagnostics, sources);
  const { doc } = parsed;
  // Before anything reads the data, as for every YAML input: no message may echo a secret.
  redactDocument(doc);
  const data = doc.data ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new InputError([diagnostic(file, { line: 2, column: 1 }, `front matter: expected a mapping such as "id: INC-7", got ${Array.isArray(data) ? "a list" : `a ${typeof data}`}`)], sources);
  }
  const result = TicketFrontMatter.safeParse(data);
  if (!result.success) throw new InputError(zodIssuesToDiagnostics(result.error.issues, doc, TicketFrontMatter), sources);
  return { data: result.data, doc, end: yamlEnd + close[0].length };
}
