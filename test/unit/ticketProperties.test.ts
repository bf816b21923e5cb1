import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/load/diagnostic.js";
import { loadJsonTicket } from "../../src/load/loadJsonTicket.js";
import { loadTextTicket } from "../../src/load/loadTextTicket.js";
import type { TextMap } from "../../src/load/textMap.js";

/** Runs a loader; bad input may be refused, but only as an InputError (a clear message, exit 2). */
function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InputError) return undefined;
    throw e;
  }
}

const inFile = (map: TextMap, length: number) => {
  for (let i = 0; i <= map.text.length; i++) {
    const o = map.fileOffset(i);
    expect(o).toBeGreaterThanOrEqual(0);
    expect(o).toBeLessThanOrEqual(length);
  }
};

// Words and the marks Markdown gives meaning to, so the parser meets its hard cases.
const piece = fc.constantFrom("token", "leaked", " ", "\n", "\n\n", "# ", "## ", "- ", "1. ", "*", "**", "_", "`", "```\n", "[", "](", ")", "<!--", "-->", "|", "---", "\\", "&amp;", "\t", "é", "ID: A-1\n", "<b>");
const markdownish = fc.array(piece, { maxLength: 60 }).map((p) => p.join(""));

describe("ticket readers on arbitrary input", () => {
  it("Markdown: refused only with an InputError, every character mapped inside the file", () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const t = attempt(() => loadTextTicket("t.md", text, true));
        if (!t) return;
        inFile(t.ticket!.title, text.length);
        inFile(t.ticket!.description, text.length);
      }),
      { numRuns: 400 },
    );
  });

  it("plain text: every character of title and description is the file's own character at its place", () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const t = attempt(() => loadTextTicket("t.txt", text, false));
        if (!t) return;
        for (const map of [t.ticket!.title, t.ticket!.description]) {
          for (let i = 0; i < map.text.length; i++) expect(text[map.fileOffset(i)]).toBe(map.text[i]);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("JSON: any GitHub body or Jira v2 description string maps inside the file, escapes and all", () => {
    fc.assert(
      fc.property(markdownish, fc.string({ maxLength: 20 }), fc.boolean(), (body, title, jira) => {
        const text = jira ? JSON.stringify({ key: "A-1", fields: { summary: title || "t", description: body } }, null, 1) : JSON.stringify({ number: 1, title: title || "t", body });
        const t = attempt(() => loadJsonTicket("t.json", text));
        if (!t) return;
        for (const l of t.loaded) {
          inFile(l.ticket!.title, text.length);
          inFile(l.ticket!.description, text.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
