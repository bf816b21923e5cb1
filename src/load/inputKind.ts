import { extname } from "node:path";
import { documentKind } from "./documentKind.js";

export type InputKind = "yaml" | "json" | "markdown" | "text";

const BY_EXTENSION: Record<string, InputKind> = { ".yaml": "yaml", ".yml": "yaml", ".json": "json", ".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text" };

/** Markdown a person writes in a ticket: a heading, a fence, a list, a link, bold text, front matter. */
const MARKDOWN = /^(?:#{1,6}[ \t]|```|~~~|[ \t]*[-*+][ \t]+\S|[ \t]*\d+[.)][ \t]+\S|---[ \t]*$|\|.*\|[ \t]*$)|\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*/m;

/**
 * How to read an input: by its extension, and for stdin or another extension by its
 * content: JSON when it opens with a brace or bracket, YAML when it declares a `kind:` or has
 * an incident's own keys (`apiVersion:`, `description:`, `symptoms:`…), Markdown when it uses Markdown's marks, plain text otherwise.
 */
export function inputKind(file: string, text: string): InputKind {
  const byName = BY_EXTENSION[extname(file).toLowerCase()];
  if (byName) return byName;
  const first = /\S/.exec(text)?.[0];
  if (first === "{" || first === "[") return "json";
  // An incident's own keys at a line's start (lower case, as YAML spells them): an incident
  // missing its kind still gets the YAML reader's message rather than being read as prose.
  if (documentKind(text) !== undefined || /^(?:apiVersion|symptoms|affected|description|active):/m.test(text)) return "yaml";
  return MARKDOWN.test(text) ? "markdown" : "text";
}
