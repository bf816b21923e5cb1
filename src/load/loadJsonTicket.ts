import type { z } from "zod";
import { redactText } from "../redact/redactText.js";
import { AdfError, adfText, type AdfSource } from "./adfText.js";
import { diagnostic, InputError, type Diagnostic } from "./diagnostic.js";
import { jiraWikiText } from "./jiraWikiText.js";
import { jsonDuplicateKeys } from "./jsonDuplicateKeys.js";
import { jsonPositions } from "./jsonPositions.js";
import { jsonString } from "./jsonString.js";
import { jsonSyntaxError } from "./jsonSyntaxError.js";
import { lineStarts } from "./lineColumn.js";
import type { LoadedIncident } from "./loadIncident.js";
import { duplicateKeyMessage, MAX_SYNTAX_ERRORS } from "./parseYaml.js";
import { reduceMarkdown } from "./reduceMarkdown.js";
import { API_VERSION } from "./schema/common.js";
import type { Incident } from "./schema/incident.js";
import { GithubIssue, JiraIssue } from "./schema/ticket.js";
import type { Path, Position, SourceDoc } from "./sourceDoc.js";
import { TextMapBuilder, type TextMap } from "./textMap.js";
import { ticketDoc } from "./ticketDoc.js";
import type { TicketIdSource, TicketSource } from "./ticketSource.js";
import { zodIssuesToDiagnostics } from "./zodIssues.js";

export const TICKET_SHAPES = "a GitHub issue (gh issue view N --json number,title,body) or a Jira issue (fields.summary)";
const GITHUB = "a GitHub issue (gh issue view N --json number,title,body)";
const JIRA = "a Jira issue (GET /rest/api/3/issue/KEY: key, fields.summary)";

type Shape = "github" | "jira";
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Which export an object is, by the fields only that export has; undefined for other JSON. */
export function ticketShape(v: unknown): Shape | undefined {
  if (!isObject(v) || "kind" in v) return undefined;
  if ("fields" in v && ("key" in v || isObject(v.fields))) return "jira";
  if ("number" in v && ("title" in v || "body" in v || typeof v.url === "string")) return "github";
  if ("title" in v && ("body" in v || typeof v.url === "string")) return "github";
  return undefined;
}

/** The issues a JSON export holds: one issue, a list of them, or a Jira search result (`issues`). */
function issueList(data: unknown): { items: unknown[]; base: Path; list: boolean } {
  if (Array.isArray(data)) return { items: data, base: [], list: true };
  if (isObject(data) && Array.isArray(data.issues) && ticketShape(data) === undefined) return { items: data.issues, base: ["issues"], list: true };
  return { items: [data], base: [], list: false };
}

/** Whether parsed JSON is a ticket export this loader reads, for folder scans to tell it from other JSON. */
export function isTicketJson(data: unknown): boolean {
  const { items } = issueList(data);
  return items.length > 0 && items.every((i) => ticketShape(i) !== undefined);
}

/**
 * A GitHub or Jira issue exported as JSON (or a list of them) as incidents, each field
 * mapped back to the file. `list` says the file held a list (its report is a batch).
 */
export function loadJsonTicket(file: string, text: string): { loaded: LoadedIncident[]; list: boolean } {
  const sources = new Map([[file, text]]);
  const fail = (diags: Diagnostic[]): never => {
    throw new InputError(diags, sources);
  };
  if (text.trim() === "") fail([diagnostic(file, { line: 1, column: 1 }, `empty file: expected ${TICKET_SHAPES} as JSON`)]);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const e = jsonSyntaxError(text);
    fail([diagnostic(file, e.at, e.message)]);
  }
  const starts = lineStarts(text);
  const positions = jsonPositions(text, data);
  if (!positions) {
    const repeated = jsonDuplicateKeys(text, MAX_SYNTAX_ERRORS);
    if (repeated.length) fail(repeated.map((r) => diagnostic(file, r.at, duplicateKeyMessage(r.key, r.firstLine))));
  }
  const top = { line: 1, column: 1 };
  const positionOf = (path: Path): Position => positions?.locate(path) ?? top;
  const offsetOf = (path: Path): number => {
    const p = positionOf(path);
    return starts[p.line - 1]! + p.column - 1;
  };
  const stringAt = (path: Path, value: string): TextMap => {
    const m = jsonString(text, offsetOf(path));
    return m && m.text === value.replace(/\r/g, "") ? m : new TextMapBuilder(text).stand(value, offsetOf(path)).build({ keep: true });
  };
  const src: AdfSource = { file, offsetOf, positionOf, addString: (b, path, value) => b.append(stringAt(path, value)) };
  const doc: SourceDoc = { file, text, data, locate: positionOf, locateKey: (path) => positions?.locateKey(path) ?? top };

  const { items, base, list } = issueList(data);
  if (items.length === 0) fail([diagnostic(file, positionOf(base), `empty list: expected at least one issue, ${TICKET_SHAPES}`)]);
  const errors: Diagnostic[] = [];
  const loaded: LoadedIncident[] = [];
  items.forEach((item, i) => {
    const at = list ? [...base, i] : base;
    const shape = ticketShape(item);
    const sub = subDoc(doc, at, item);
    try {
      if (shape === "github") loaded.push(github(file, text, sub, at, src, stringAt));
      else if (shape === "jira") loaded.push(jira(file, text, sub, at, src, stringAt));
      else errors.push(diagnostic(file, positionOf(at), `JSON of unknown shape: expected ${TICKET_SHAPES}; got ${describe(item)}`));
    } catch (e) {
      if (e instanceof AdfError) errors.push(e.diagnostic);
      else if (e instanceof InputError) errors.push(...e.diagnostics);
      else throw e;
    }
  });
  if (errors.length) fail(errors);
  return { loaded, list };
}

type StringAt = (path: Path, value: string) => TextMap;

function checked<S extends z.ZodType>(schema: S, doc: SourceDoc, required: ReadonlyArray<[Path, string]>): z.infer<S> {
  const missing = required.filter(([path]) => valueAt(doc.data, path) === undefined);
  if (missing.length) throw new InputError(missing.map(([path, what]) => diagnostic(doc.file, doc.locate(path), `missing "${path.join(".")}": expected ${what}`)));
  const result = schema.safeParse(doc.data);
  if (!result.success) throw new InputError(zodIssuesToDiagnostics(result.error.issues, doc, schema));
  return result.data as z.infer<S>;
}

function github(file: string, text: string, doc: SourceDoc, at: Path, src: AdfSource, stringAt: StringAt): LoadedIncident {
  const issue = checked(GithubIssue, doc, [[["title"], GITHUB]]);
  const url = issue.url ?? issue.html_url;
  const fromUrl = url ? /^https?:\/\/[^/]+\/([^/]+)\/([^/]+)\/(?:issues|pull)\/(\d+)/.exec(url) : null;
  const repo = typeof issue.repository === "string" ? issue.repository : (issue.repository?.nameWithOwner ?? undefined);
  let id: string;
  let idFrom: TicketIdSource;
  if (fromUrl) [id, idFrom] = [`${fromUrl[1]}/${fromUrl[2]}#${fromUrl[3]}`, "issue-url"];
  else if (issue.number !== undefined) [id, idFrom] = [repo?.includes("/") ? `${repo}#${issue.number}` : `GH-${issue.number}`, "issue-number"];
  else throw new InputError([diagnostic(file, doc.locate([]), `missing "number": expected ${GITHUB}`)]);
  const title = new TextMapBuilder(text).append(stringAt([...at, "title"], issue.title)).build();
  // The body as decoded from the file (carriage returns dropped), so offsets into it map back.
  const decoded = issue.body ? stringAt([...at, "body"], issue.body) : undefined;
  const body = decoded ? reduceMarkdown(decoded.text, { through: decoded, title: false }).text : title.slice(title.text.length);
  const labels = (issue.labels ?? []).map((l) => redactText(typeof l === "string" ? l : l.name));
  return make(file, doc, id, idFrom, "github", labels, title, body, [], src, at, issue.number !== undefined ? ["number"] : ["url"]);
}

function jira(file: string, text: string, doc: SourceDoc, at: Path, src: AdfSource, stringAt: StringAt): LoadedIncident {
  const issue = checked(JiraIssue, doc, [
    [["key"], JIRA],
    [["fields", "summary"], JIRA],
  ]);
  const title = new TextMapBuilder(text).append(stringAt([...at, "fields", "summary"], issue.fields.summary)).build();
  const d = issue.fields.description;
  const warnings: Diagnostic[] = [];
  let description: TextMap;
  if (d === undefined || d === null || d === "") description = title.slice(title.text.length);
  else if (typeof d === "string") description = jiraWikiText(stringAt([...at, "fields", "description"], d));
  else {
    const b = new TextMapBuilder(text);
    adfText(d, [...at, "fields", "description"], b, src, warnings);
    description = b.build();
  }
  return make(file, doc, issue.key, "issue-key", "jira", (issue.fields.labels ?? []).map(redactText), title, description, warnings, src, at, ["key"]);
}

function make(
  file: string, doc: SourceDoc, id: string, idFrom: TicketIdSource, format: TicketSource["format"], labels: string[],
  title: TextMap, description: TextMap, warnings: Diagnostic[], src: AdfSource, at: Path, idPath: Path,
): LoadedIncident {
  const incident: Incident = { apiVersion: API_VERSION, kind: "Incident", id, title: title.text, ...(description.text ? { description: description.text } : {}) };
  const places = { root: src.positionOf(at), id: src.positionOf([...at, ...idPath]), title: title.position(0), description: description.position(0) };
  return { file, incident, doc: ticketDoc(file, doc.text, incident, places), ticket: { format, idFrom, labels, title, description, warnings } };
}

/** The document seen from one issue of a list: paths and positions start at that issue. */
function subDoc(doc: SourceDoc, at: Path, data: unknown): SourceDoc {
  return { file: doc.file, text: doc.text, data, locate: (p) => doc.locate([...at, ...p]), locateKey: (p) => doc.locateKey([...at, ...p]) };
}

function valueAt(data: unknown, path: Path): unknown {
  let v = data;
  for (const seg of path) v = isObject(v) ? v[seg as string] : undefined;
  return v;
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return "a list";
  if (isObject(v)) {
    const keys = Object.keys(v);
    return keys.length ? `an object with ${keys.slice(0, 6).map((k) => JSON.stringify(k)).join(", ")}${keys.length > 6 ? ", …" : ""}` : "an empty object";
  }
  return v === null ? "null" : `a ${typeof v}`;
}
