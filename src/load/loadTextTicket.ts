import { basename, extname } from "node:path";
import { diagnostic, InputError } from "./diagnostic.js";
import { lineColumn, lineStarts } from "./lineColumn.js";
import type { LoadedIncident } from "./loadIncident.js";
import { readFrontMatter } from "./readFrontMatter.js";
import { reduceMarkdown } from "./reduceMarkdown.js";
import { API_VERSION } from "./schema/common.js";
import type { Incident } from "./schema/incident.js";
import type { TextMap } from "./textMap.js";
import { TextMapBuilder } from "./textMap.js";
import { ticketDoc } from "./ticketDoc.js";
import type { TicketIdSource } from "./ticketSource.js";

/** A first line that names the ticket rather than starting it: `ID: INC-2031`, `Ticket: OPS-88`. An id has a digit, so "Incident: token leaked" stays a title. */
const ID_LINE = /^[ \t]*(?:id|incident(?:[ _-]?id)?|ticket(?:[ _-]?id)?|issue|key)[ \t]*[:=][ \t]*([A-Za-z0-9][\w.:/#-]*)[ \t]*\r?$/im;

export const EMPTY_TICKET = "empty file: expected a ticket: a title line or a Markdown heading, then the description";

/**
 * A plain-text (`markdown: false`) or Markdown ticket as an incident. The id comes from
 * front matter, else an `ID: …` first line, else the file name's stem; the title from front
 * matter, else the heading the file opens with, else its first line; the rest is the
 * description. When the first line runs on into the next (a wrapped sentence: the next
 * line starts in lower case, or the first ends with a comma), the description starts with
 * it, so no sentence is cut in two.
 */
export function loadTextTicket(file: string, text: string, markdown: boolean): LoadedIncident {
  const sources = new Map([[file, text]]);
  if (text.trim() === "") throw new InputError([diagnostic(file, { line: 1, column: 1 }, EMPTY_TICKET)], sources);
  const front = readFrontMatter(file, text);
  const starts = lineStarts(text);
  let from = front?.end ?? 0;
  let id: string | undefined;
  let idFrom: TicketIdSource = "file-name";
  let idAt = { line: 1, column: 1 };
  if (front?.data.id !== undefined) {
    id = String(front.data.id);
    idFrom = "front-matter";
    idAt = front.doc.locate(["id"]) ?? idAt;
  } else {
    const lead = /^\s*/.exec(text.slice(from))![0].length;
    const m = ID_LINE.exec(text.slice(from + lead).split("\n", 1)[0]!);
    if (m && /\d/.test(m[1]!)) {
      id = m[1]!;
      idFrom = "id-line";
      idAt = lineColumn(starts, from + lead + m[0].indexOf(m[1]!));
      from += lead + m[0].length;
    }
  }
  id ??= file === "-" ? "stdin" : basename(file, extname(file));

  const reduced = markdown ? reduceMarkdown(text, { from }) : { text: plainText(text, from) };
  let title: TextMap | undefined = reduced.heading;
  let description = reduced.text;
  if (front?.data.title !== undefined) {
    const at = front.doc.locate(["title"]);
    const from = at ? starts[at.line - 1]! + at.column - 1 : 0;
    const b = new TextMapBuilder(text);
    // A plain scalar is the file's own characters; a quoted or folded one stands at its start.
    title = (text.startsWith(front.data.title, from) ? b.copy(front.data.title, from) : b.stand(front.data.title, from)).build();
  } else if (!title) {
    const split = firstLine(description);
    title = split.title;
    description = split.description;
  }
  if (title.text === "" && description.text === "") throw new InputError([diagnostic(file, { line: 1, column: 1 }, EMPTY_TICKET)], sources);

  const labels = [...(front?.data.labels ?? []), ...(front?.data.tags ?? [])];
  const incident: Incident = {
    apiVersion: API_VERSION,
    kind: "Incident",
    id,
    ...(title.text ? { title: title.text } : {}),
    ...(description.text ? { description: description.text } : {}),
    ...(front?.data.active !== undefined ? { active: front.data.active } : {}),
  };
  const doc = ticketDoc(file, text, incident, { root: { line: 1, column: 1 }, id: idAt, title: title.position(0), description: description.position(0) });
  return { file, incident, doc, ticket: { format: markdown ? "markdown" : "text", idFrom, labels, title, description, warnings: [] } };
}

/** Plain text as it is, line by line, without carriage returns. */
function plainText(text: string, from: number): TextMap {
  const b = new TextMapBuilder(text);
  for (let at = from; at < text.length; ) {
    const nl = text.indexOf("\n", at);
    const end = nl === -1 ? text.length : nl;
    b.copy(text.slice(at, text.charCodeAt(end - 1) === 13 ? end - 1 : end), at);
    if (nl !== -1) b.copy("\n", nl);
    at = end + 1;
  }
  return b.build();
}

/** The first line as the title; the rest as the description, from that line on when its paragraph goes on. */
export function firstLine(text: TextMap): { title: TextMap; description: TextMap } {
  const nl = text.text.indexOf("\n");
  if (nl === -1) return { title: text, description: text.slice(text.text.length) };
  // A title stands on its own line; a wrapped sentence goes on in lower case, or after a comma.
  const next = text.text.slice(nl + 1, nl + 2);
  const runsOn = next !== "\n" && (/\p{Ll}/u.test(next) || /[,\-–]$/.test(text.text.slice(0, nl)));
  return { title: text.slice(0, nl), description: runsOn ? text : text.slice(nl + 1) };
}
