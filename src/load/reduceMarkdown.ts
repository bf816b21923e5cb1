import MarkdownIt, { type Token } from "markdown-it";
import { lineStarts } from "./lineColumn.js";
import { TextMapBuilder, type TextMap } from "./textMap.js";

// CommonMark plus GitHub's tables and strikethrough; no linkify, so text stays as written.
const md = new MarkdownIt("commonmark", { html: true }).enable(["table", "strikethrough"]);

export interface ReducedMarkdown {
  /** The text of the heading the document opens with, when it opens with one. */
  heading?: TextMap;
  /** Everything else as readable text: no heading hashes, list markers or emphasis; link URLs in brackets after their text; code as its lines; table rows as cells joined by " | ". */
  text: TextMap;
}

const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const TAG = /<\/?[A-Za-z][^>]*>/g;

/**
 * Markdown reduced to the text a reader sees, each character mapped back to `source`
 * (through `through`, when `source` is itself text a loader made, such as a GitHub issue's
 * body decoded from JSON). Characters before `from` are not read (front matter, an id line).
 * With `title: false` a heading the text opens with stays in the text (an issue has its title).
 */
export function reduceMarkdown(source: string, opts: { from?: number; through?: TextMap; title?: boolean } = {}): ReducedMarkdown {
  const { from = 0, through, title: headingIsTitle = true } = opts;
  const visible = from > 0 ? source.slice(0, from).replace(/[^\n]/g, " ") + source.slice(from) : source;
  const tokens = md.parse(visible, {});
  const starts = lineStarts(source);
  const lineAt = (line: number) => starts[line] ?? source.length;
  const body = new TextMapBuilder(source);
  const title = new TextMapBuilder(source);
  let out = body;
  let cursor = from;
  let limit = source.length;
  const opening = tokens.find((t) => t.level === 0 && !(t.type === "html_block" && t.content.replace(COMMENT, "").trim() === ""));
  let cellInRow = 0;

  for (const t of tokens) {
    if (t.map) {
      cursor = Math.max(cursor, lineAt(t.map[0]));
      limit = lineAt(t.map[1]);
    }
    switch (t.type) {
      case "heading_open":
        if (t === opening && headingIsTitle) out = title;
        else body.breakLine(2);
        break;
      case "heading_close":
        out = body;
        body.breakLine(2);
        break;
      case "paragraph_open":
        out.breakLine(t.hidden ? 1 : 2);
        break;
      case "bullet_list_open":
      case "ordered_list_open":
      case "list_item_open":
      case "tr_open":
        cellInRow = 0;
        out.breakLine(1);
        break;
      case "blockquote_open":
      case "table_open":
      case "hr":
        out.breakLine(2);
        break;
      case "th_open":
      case "td_open":
        if (cellInRow++ > 0) out.insert(" | ");
        break;
      case "fence":
      case "code_block":
        out.breakLine(2);
        // A fence's content starts on the line after its opening ``` line.
        cursor = out.align(t.content.replace(/\n$/, ""), t.type === "fence" && t.map ? lineAt(t.map[0] + 1) : cursor, limit);
        out.breakLine(2);
        break;
      case "html_block": {
        const kept = t.content.replace(COMMENT, "").replace(TAG, "").trim();
        if (kept) {
          out.breakLine(2);
          cursor = out.align(kept, cursor, limit);
          out.breakLine(2);
        }
        break;
      }
      case "inline":
        cursor = inline(out, t.children ?? [], source, cursor, limit);
        break;
      default:
        break;
    }
  }
  const text = body.build(through ? { through } : {});
  return opening?.type === "heading_open" && headingIsTitle ? { heading: title.build(through ? { through } : {}), text } : { text };
}

/** The text of one block's inline tokens; returns where the search in the source has got to. */
function inline(out: TextMapBuilder, children: readonly Token[], source: string, from: number, limit: number): number {
  let cursor = from;
  const links: Array<{ href: string; at: number }> = [];
  for (const c of children) {
    switch (c.type) {
      case "text":
      case "code_inline":
        cursor = out.align(c.content, cursor, limit);
        break;
      case "softbreak":
      case "hardbreak":
        cursor = out.align("\n", cursor, limit);
        break;
      case "image":
        cursor = out.align(c.content, cursor, limit);
        break;
      case "link_open":
        links.push({ href: String(c.attrGet("href") ?? ""), at: out.length });
        break;
      case "link_close": {
        const link = links.pop();
        if (!link || link.href === "") break;
        const shown = out.since(link.at);
        // An autolink shows its URL already; a mail link its address.
        if (shown === link.href || `mailto:${shown}` === link.href) break;
        out.insert(" (");
        const at = source.indexOf(link.href, cursor);
        if (at !== -1 && at + link.href.length <= limit) {
          out.copy(link.href, at);
          cursor = at + link.href.length;
        } else out.stand(link.href, Math.min(cursor, Math.max(0, limit - 1)));
        out.insert(")");
        break;
      }
      default:
        break;
    }
  }
  return cursor;
}
