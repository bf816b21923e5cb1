import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inputKind } from "../../src/load/inputKind.js";
import { loadTextTicket } from "../../src/load/loadTextTicket.js";
import { reduceMarkdown } from "../../src/load/reduceMarkdown.js";
import { aboutTheFolder } from "../../src/load/ticketFiles.js";
import { problems, ROOT } from "../helpers.js";

const md = (text: string) => reduceMarkdown(text);

describe("reduceMarkdown", () => {
  it("keeps the words and drops the marks: heading hashes, list markers, emphasis, comments", () => {
    const r = md("# The title\n\nA **bold** and _slanted_ ~~struck~~ word.\n\n## Impact\n\n- first\n- second\n  1. nested\n\n<!-- template hint -->\n");
    expect(r.heading?.text).toBe("The title");
    expect(r.text.text).toBe("A bold and slanted struck word.\n\nImpact\n\nfirst\nsecond\nnested");
  });

  it("keeps link URLs readable after their text, an autolink once, and code as its lines", () => {
    const r = md("See [the run](https://ci.example.com/r/1) and <https://example.com/x>.\n\n```sh\nexport A=1\nrun --twice\n```\n\nInline `code` too.");
    expect(r.text.text).toBe("See the run (https://ci.example.com/r/1) and https://example.com/x.\n\nexport A=1\nrun --twice\n\nInline code too.");
  });

  it("reads a table as rows of cells joined by bars", () => {
    expect(md("| Identity | Owner |\n|---|---|\n| svc-a | nobody |\n").text.text).toBe("Identity | Owner\nsvc-a | nobody");
  });

  it("keeps a heading that is not the opening one in the text, and one that is when told", () => {
    expect(md("Intro line\n\n# Later\n\nbody").heading).toBeUndefined();
    const kept = reduceMarkdown("## What happened\n\nThe token leaked.", { title: false });
    expect(kept.heading).toBeUndefined();
    expect(kept.text.text).toBe("What happened\n\nThe token leaked.");
  });

  it("maps every kept word back to its line and column in the file", () => {
    const source = "# T\n\nThe **deploy** token was\n   pasted in [a log](https://x.example/1) &amp; kept.\n\n| a | b |\n|---|---|\n| one | two |\n";
    const { text } = md(source);
    const at = (word: string) => {
      const i = text.text.indexOf(word);
      const o = text.fileOffset(i);
      return { found: source.slice(o, o + word.length), ...text.position(i) };
    };
    expect(at("deploy")).toEqual({ found: "deploy", line: 3, column: 7 });
    expect(at("pasted")).toEqual({ found: "pasted", line: 4, column: 4 });
    expect(at("https://x.example/1")).toEqual({ found: "https://x.example/1", line: 4, column: 22 });
    expect(at("kept")).toEqual({ found: "kept", line: 4, column: 49 });
    expect(at("two")).toEqual({ found: "two", line: 8, column: 9 });
  });
});

describe("loadTextTicket", () => {
  it("Markdown: id and labels from front matter, title from the opening heading, the rest as description", () => {
    const file = `${ROOT}fixtures/tickets/webhook-secret-in-wiki.md`;
    const text = readFileSync(file, "utf8");
    const t = loadTextTicket(file, text, true);
    expect(t.incident).toMatchObject({ kind: "Incident", id: "TKT-2026-118", title: "Payment webhook signing secret found on the team wiki" });
    expect(t.incident.description).toMatch(/^During a routine review we found that the signing secret for the payments-webhook\nservice account/);
    expect(t.incident.description).toContain("(https://wiki.example.org/payments/runbook)");
    expect(t.incident.description).not.toMatch(/[#*`]|<!--/);
    expect(t.ticket).toMatchObject({ format: "markdown", idFrom: "front-matter", labels: ["security", "sev2"] });
    expect(t.doc.locate(["id"])).toEqual({ line: 2, column: 5 });
    expect(t.ticket!.title.position(0)).toEqual({ line: 5, column: 3 });
    const d = t.ticket!.description;
    expect(d.position(d.text.indexOf("pasted"))).toEqual({ line: 10, column: 26 });
    expect(text.slice(d.fileOffset(d.text.indexOf("pasted")), d.fileOffset(d.text.indexOf("pasted")) + 6)).toBe("pasted");
  });

  it("plain text: an id line, then the title line, then the description; Windows line ends", () => {
    const t = loadTextTicket("x.txt", "ID: OPS-12\r\nToken leaked in CI\r\nThe token was printed in a public log.\r\n", false);
    expect(t.incident).toMatchObject({ id: "OPS-12", title: "Token leaked in CI", description: "The token was printed in a public log." });
    expect(t.ticket!.idFrom).toBe("id-line");
    expect(t.ticket!.description.position(4)).toEqual({ line: 3, column: 5 });
  });

  it("a first line that runs on into the next stays in the description, so no sentence is cut", () => {
    const t = loadTextTicket("tickets/deploy-7.txt", "The deploy token was\nprinted in a public log.\n", false);
    expect(t.incident).toMatchObject({ id: "deploy-7", title: "The deploy token was", description: "The deploy token was\nprinted in a public log." });
    expect(t.ticket!.idFrom).toBe("file-name");
  });

  it("a one-line ticket is its title; an id needs a digit, so 'Incident: token leaked' is a title", () => {
    expect(loadTextTicket("-", "Incident: token leaked", false).incident).toEqual({ apiVersion: "nhi-triage/v1", kind: "Incident", id: "stdin", title: "Incident: token leaked" });
  });

  it("a front-matter title maps to its characters in the file", () => {
    const t = loadTextTicket("t.md", "---\ntitle: Token in a log\n---\nBody.\n", true);
    expect(t.incident.title).toBe("Token in a log");
    expect(t.ticket!.title.position(3)).toEqual({ line: 2, column: 11 });
  });

  it("plain text keeps Markdown-looking marks as written", () => {
    expect(loadTextTicket("a.txt", "Title\n\n**not** markdown", false).incident.description).toBe("**not** markdown");
  });

  it("refuses an empty, blank or text-less ticket and broken front matter, with the place", () => {
    for (const text of ["", "  \n\t\n", "<!-- only a comment -->\n", "---\nid: A-1\n---\n"]) {
      expect(problems(() => loadTextTicket("t.md", text, true))).toEqual(["1:1 empty file: expected a ticket: a title line or a Markdown heading, then the description"]);
    }
    expect(problems(() => loadTextTicket("t.md", "---\nid: A-1\n# no end\n", true))).toEqual(['1:1 front matter is not closed: expected a line "---" after it']);
    expect(problems(() => loadTextTicket("t.md", "---\nid: [1, 2]\n---\n# T\n", true))[0]).toBe("2:5 id: expected an id: a string or a number, got a list");
    expect(problems(() => loadTextTicket("t.md", "---\n- a\n---\n# T\n", true))).toEqual(['2:1 front matter: expected a mapping such as "id: INC-7", got a list']);
  });
});

describe("inputKind and folder scans", () => {
  it("by extension, and by content for stdin", () => {
    expect(inputKind("a.md", "{}")).toBe("markdown");
    expect(inputKind("a.json", "x")).toBe("json");
    expect(inputKind("-", '  {"number": 1}')).toBe("json");
    expect(inputKind("-", "apiVersion: nhi-triage/v1\nkind: Incident\nid: A\n")).toBe("yaml");
    expect(inputKind("-", "# Title\n\nbody")).toBe("markdown");
    expect(inputKind("-", "Title\nThe token leaked.")).toBe("text");
    // An incident that lost its kind line still goes to the YAML reader, which says so.
    expect(inputKind("-", "id: INC-1\ndescription: the job retried\n")).toBe("yaml");
  });

  it("passes over README-like Markdown and text, not tickets or YAML", () => {
    for (const f of ["README.md", "docs/readme.markdown", "CHANGELOG.md", "LICENSE.txt", "requirements-dev.txt", "CODE_OF_CONDUCT.md"]) expect(aboutTheFolder(f), f).toBe(true);
    for (const f of ["readme-incident.yaml", "INC-7.md", "ticket.txt", "security-incident-7.md.json"]) expect(aboutTheFolder(f), f).toBe(false);
  });
});
