import { TextMapBuilder, type TextMap } from "./textMap.js";

/**
 * A Jira REST API v2 description (wiki markup) as readable text: `h2.` heading marks, list
 * bullets, `{code}` / `{noformat}` / `{quote}` / `{panel}` markers and table bars go;
 * `[text|url]` reads "text (url)". Each line is matched back to its characters, so what
 * stays keeps its place in the file.
 */
export function jiraWikiText(source: TextMap): TextMap {
  const text = source.text;
  const b = new TextMapBuilder(text);
  let at = 0;
  for (const line of text.split("\n")) {
    const end = at + line.length;
    const shown = line
      .replace(/^\s*h[1-6]\.\s*/, "")
      .replace(/^\s*(?:[*#-]+)\s+/, "")
      .replace(/\{(?:code|noformat|quote|panel|color)(?::[^}]*)?\}/g, "")
      .replace(/\|\|/g, "|")
      .replace(/^\s*\|\s*|\s*\|\s*$/g, "")
      .replace(/\s*\|\s*(?![^[]*\])/g, " | ")
      .replace(/\[([^|\]]+)\|([^\]]+)\]/g, "$1 ($2)")
      .replace(/\[(https?:[^\]]+)\]/g, "$1");
    b.align(shown, at, end);
    b.copy("\n", end);
    at = end + 1;
  }
  return b.build({ through: source });
}
