import { diagnostic, type Diagnostic } from "./diagnostic.js";
import { MAX_NESTING } from "./parseYaml.js";
import type { Path, Position } from "./sourceDoc.js";
import type { TextMapBuilder } from "./textMap.js";
import { formatPath } from "./zodIssues.js";

/** How the ADF reader reaches the file: where a value is, and a JSON string's characters. */
export interface AdfSource {
  file: string;
  /** The offset of the value at `path` in the file (of its nearest ancestor when unsure). */
  offsetOf(path: Path): number;
  positionOf(path: Path): Position;
  /** Adds the JSON string at `path` to `b`, mapped character by character. */
  addString(b: TextMapBuilder, path: Path, value: string): void;
}

export class AdfError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

type Node = { type: string; content?: unknown; text?: unknown; attrs?: Record<string, unknown>; marks?: unknown };

/** Blocks a blank line sets apart. */
const BLOCKS = new Set(["paragraph", "heading", "codeBlock", "blockquote", "panel", "table", "rule", "expand", "nestedExpand", "mediaSingle", "mediaGroup", "bodiedExtension", "layoutSection", "layoutColumn", "bulletList", "orderedList", "taskList", "decisionList", "blockCard", "embedCard", "extension"]);
/** Parts of a block that go on their own line. */
const LINES = new Set(["listItem", "taskItem", "decisionItem", "tableRow"]);
const CELLS = new Set(["tableCell", "tableHeader"]);
/** Nodes that carry no text to read; everything else unknown to this list is read for its text. */
const SILENT = new Set(["media", "mediaInline", "mediaGroup", "mediaSingle", "rule"]);

/**
 * The readable text of an Atlassian Document Format document (Jira REST API v3), each
 * character mapped into the file: paragraphs and headings apart, list items and table rows
 * on lines of their own (cells joined by " | "), code blocks as their lines, mentions,
 * emoji, dates, statuses and cards as the text they show, link targets in brackets. A node
 * type this reader does not know is read for the text it holds; one that holds none is
 * reported as a warning, never dropped unsaid. Throws AdfError at a node that is not one.
 */
export function adfText(root: unknown, path: Path, b: TextMapBuilder, src: AdfSource, warnings: Diagnostic[]): void {
  if (!isNode(root) || root.type !== "doc") {
    throw new AdfError(
      diagnostic(src.file, src.positionOf(path), `${formatPath(path)}: expected an Atlassian Document Format document (type: doc), as Jira's REST API v3 writes, or a string (API v2); got ${describe(root)}`),
    );
  }
  children(root, path, b, src, warnings, 1);
}

/** Inside a list item or a table cell a paragraph is part of a line, not a block of its own. */
type Within = "line" | "cell" | undefined;

function children(node: Node, path: Path, b: TextMapBuilder, src: AdfSource, warnings: Diagnostic[], depth: number, within: Within = undefined): void {
  if (node.content === undefined) return;
  if (!Array.isArray(node.content)) throw new AdfError(diagnostic(src.file, src.positionOf([...path, "content"]), `${formatPath([...path, "content"])}: expected a list of Atlassian Document Format nodes, got ${describe(node.content)}`));
  let cell = 0;
  node.content.forEach((child: unknown, i) => {
    const at = [...path, "content", i];
    if (!isNode(child)) throw new AdfError(diagnostic(src.file, src.positionOf(at), `${formatPath(at)}: expected an Atlassian Document Format node (an object with a "type"), got ${describe(child)}`));
    if (CELLS.has(child.type) && cell++ > 0) b.insert(" | ");
    visit(child, at, b, src, warnings, depth + 1, within);
  });
}

function visit(node: Node, path: Path, b: TextMapBuilder, src: AdfSource, warnings: Diagnostic[], depth: number, within: Within): void {
  if (depth > MAX_NESTING) throw new AdfError(diagnostic(src.file, src.positionOf(path), `Atlassian Document Format nested more than ${MAX_NESTING} levels deep`));
  const t = node.type;
  const attr = (name: string): string | undefined => (typeof node.attrs?.[name] === "string" ? (node.attrs[name] as string) : undefined);
  const addAttr = (name: string, prefix = ""): boolean => {
    const v = attr(name);
    if (v === undefined || v === "") return false;
    if (prefix && !v.startsWith(prefix)) b.stand(prefix, src.offsetOf(path));
    src.addString(b, [...path, "attrs", name], v);
    return true;
  };
  const block = BLOCKS.has(t) && !(t === "paragraph" && within !== undefined);
  const inner: Within = CELLS.has(t) ? "cell" : LINES.has(t) ? "line" : block ? undefined : within;
  if (block) b.breakLine(2);
  else if (LINES.has(t) || (t === "paragraph" && within === "line")) b.breakLine(1);
  switch (t) {
    case "text": {
      if (typeof node.text !== "string") break;
      src.addString(b, [...path, "text"], node.text);
      const href = linkOf(node.marks);
      if (href && href.href !== node.text) {
        b.insert(" (");
        src.addString(b, [...path, "marks", href.index, "attrs", "href"], href.href);
        b.insert(")");
      }
      return;
    }
    case "hardBreak":
      b.stand("\n", src.offsetOf(path));
      return;
    case "mention":
      if (!addAttr("text", "@") && attr("id")) b.stand(`@${attr("id")}`, src.offsetOf(path));
      return;
    case "emoji":
      if (!addAttr("text")) addAttr("shortName");
      return;
    case "inlineCard":
    case "blockCard":
    case "embedCard":
      addAttr("url");
      break;
    case "date": {
      const ms = Number(node.attrs?.timestamp);
      if (Number.isFinite(ms)) b.stand(new Date(ms).toISOString().slice(0, 10), src.offsetOf(path));
      return;
    }
    case "status":
    case "placeholder":
      addAttr("text");
      return;
    default:
      break;
  }
  const before = b.length;
  children(node, path, b, src, warnings, depth, inner);
  if (block) b.breakLine(2);
  const known = BLOCKS.has(t) || LINES.has(t) || CELLS.has(t) || SILENT.has(t) || t === "inlineCard";
  if (known || b.length > before) return;
  // An unknown node: what it shows in its attributes, else a word that something was left out.
  if (addAttr("text") || addAttr("url") || addAttr("title")) return;
  warnings.push(diagnostic(src.file, src.positionOf(path), `Atlassian Document Format node "${t}" holds no text this reader can find: left out of the description`, "warning"));
}

function linkOf(marks: unknown): { href: string; index: number } | undefined {
  if (!Array.isArray(marks)) return undefined;
  const index = marks.findIndex((m) => isNode(m) && m.type === "link" && typeof m.attrs?.href === "string");
  return index === -1 ? undefined : { href: (marks[index] as Node).attrs!.href as string, index };
}

const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as { type?: unknown }).type === "string";

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return typeof (v as { type?: unknown }).type === "string" ? `type: ${String((v as { type: string }).type)}` : "an object without a type";
  return typeof v === "string" ? "a string" : `${typeof v} ${String(v)}`;
}
