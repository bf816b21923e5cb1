import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jsonSyntaxError } from "../../src/load/jsonSyntaxError.js";
import { isTicketJson, loadJsonTicket } from "../../src/load/loadJsonTicket.js";
import { problems, ROOT } from "../helpers.js";

const fixture = (name: string) => {
  const file = `${ROOT}fixtures/tickets/${name}`;
  return { file, text: readFileSync(file, "utf8") };
};
const one = (name: string) => {
  const { file, text } = fixture(name);
  const { loaded } = loadJsonTicket(file, text);
  expect(loaded).toHaveLength(1);
  return { ...loaded[0]!, text };
};
/** The file's own characters where the map puts `word` of the description. */
const inFile = (t: { text: string; ticket?: { description: { text: string; fileOffset(o: number): number } } }, word: string) => {
  const d = t.ticket!.description;
  const i = d.text.indexOf(word);
  expect(i, word).toBeGreaterThanOrEqual(0);
  return t.text.slice(d.fileOffset(i), d.fileOffset(i) + word.length);
};
const adf = (content: unknown[]) => JSON.stringify({ key: "A-1", fields: { summary: "s", description: { type: "doc", version: 1, content } } });
const adfText = (content: unknown[]) => loadJsonTicket("a.json", adf(content)).loaded[0]!.incident.description;

describe("GitHub issues (gh issue view N --json number,title,body,labels,createdAt)", () => {
  it("id from the issue URL, title, Markdown body reduced, labels kept", () => {
    const t = one("github-issue.json");
    expect(t.incident).toMatchObject({ id: "example-org/platform#314", title: "Release bot token reused across three repositories" });
    expect(t.incident.description).toMatch(/^What happened\n\nThe release-bot personal access token is shared by three teams/);
    expect(t.incident.description).toContain("no one owns the bot account now.\nToken scope: repo, workflow\nLast rotated: never");
    expect(t.ticket).toMatchObject({ format: "github", idFrom: "issue-url", labels: ["security"] });
    expect(inFile(t, "shared by three teams")).toBe("shared by three teams");
    expect(inFile(t, "no one owns")).toBe("no one owns");
    expect(t.ticket!.description.position(t.ticket!.description.text.indexOf("nobody"))).toEqual({ line: 4, column: 182 });
    expect(t.doc.locate(["id"])).toEqual({ line: 2, column: 13 });
  });

  it("GH-N without a URL, owner/repo#N with a repository; a list is several tickets", () => {
    const { loaded, list } = loadJsonTicket("l.json", fixture("github-list.json").text);
    expect(list).toBe(true);
    expect(loaded.map((l) => l.incident.id)).toEqual(["GH-401", "GH-402"]);
    expect(loaded[1]!.doc.locate(["id"])).toEqual({ line: 9, column: 15 });
    const r = loadJsonTicket("r.json", JSON.stringify({ number: 5, title: "t", body: null, repository: { nameWithOwner: "o/r" } }));
    expect(r.loaded[0]!.incident).toEqual({ apiVersion: "nhi-triage/v1", kind: "Incident", id: "o/r#5", title: "t" });
  });
});

describe("Jira issues (GET /rest/api/2|3/issue/KEY)", () => {
  it("v2: key, summary, and the wiki-markup description made readable", () => {
    const t = one("jira-v2.json");
    expect(t.incident).toMatchObject({ id: "SEC-88", title: "Approval reused to rotate production database credentials" });
    expect(t.incident.description).toBe(
      "Summary\nA change approval granted for one rotation was replayed by the rotation workflow a week later.\nthe approval token had no expiry\nthe workflow accepted it again without a new review\n\nSee the change (https://jira.example.com/browse/CHG-12).",
    );
    expect(t.ticket).toMatchObject({ format: "jira", idFrom: "issue-key", labels: ["change-management"] });
    expect(inFile(t, "replayed by the rotation workflow")).toBe("replayed by the rotation workflow");
  });

  it("v3: Atlassian Document Format with headings, marks, mentions, cards, lists, tables, panels, code", () => {
    const t = one("jira-v3.json");
    expect(t.incident.description).toBe(
      [
        "What happened",
        "",
        "The support agent delegated a ticket to a sub-agent, which inherited the parent's admin scope and deleted a customer workspace.",
        "Reported by @Priya, see https://status.example.com/incidents/77",
        "",
        "No authorization check ran at the tool call",
        "The runbook (https://wiki.example.com/agents)",
        "",
        "Agent | Scope",
        "triage-subagent | admin:*",
        "",
        "Delegation widened access.",
        "",
        '{"tool": "delete_workspace"}',
        "",
        "Sub-agents get per-task tokens",
      ].join("\n"),
    );
    expect(t.ticket!.warnings).toEqual([]);
    expect(inFile(t, "inherited the parent's")).toBe("inherited the parent's");
    expect(inFile(t, "@Priya")).toBe("@Priya");
    expect(inFile(t, "triage-subagent")).toBe("triage-subagent");
    // An escaped quote in the file maps to its backslash.
    expect(inFile(t, '"tool"')).toBe('\\"tool');
  });

  it("ADF: dates, statuses, emoji, unknown nodes read for their text, and a warning for one with none", () => {
    const text = adfText([
      { type: "paragraph", content: [{ type: "date", attrs: { timestamp: "1767225600000" } }, { type: "text", text: " " }, { type: "status", attrs: { text: "MITIGATED" } }, { type: "emoji", attrs: { shortName: ":fire:" } }] },
      { type: "futureBlock", content: [{ type: "text", text: "kept words" }] },
      { type: "futureInline", attrs: { text: "attr words" } },
    ]);
    expect(text).toBe("2026-01-01 MITIGATED:fire:\n\nkept wordsattr words");
    const r = loadJsonTicket("a.json", adf([{ type: "paragraph", content: [{ type: "text", text: "x" }] }, { type: "mystery" }]));
    expect(r.loaded[0]!.ticket!.warnings.map((w) => `${w.severity} ${w.message}`)).toEqual(['warning Atlassian Document Format node "mystery" holds no text this reader can find: left out of the description']);
  });

  it("a Jira search result (issues: [...]) is several tickets", () => {
    const text = JSON.stringify({ startAt: 0, total: 2, issues: [{ key: "A-1", fields: { summary: "one" } }, { key: "A-2", fields: { summary: "two", description: null } }] });
    expect(loadJsonTicket("s.json", text).loaded.map((l) => l.incident.id)).toEqual(["A-1", "A-2"]);
    expect(isTicketJson(JSON.parse(text))).toBe(true);
  });
});

describe("bad JSON tickets", () => {
  it("empty, blank, syntax errors, unknown shapes, missing fields, ADF that is no document", () => {
    const p = (text: string) => problems(() => loadJsonTicket("t.json", text));
    const shapes = "a GitHub issue (gh issue view N --json number,title,body) or a Jira issue (fields.summary)";
    expect(p("")).toEqual([`1:1 empty file: expected ${shapes} as JSON`]);
    expect(p(" \n ")).toEqual([`1:1 empty file: expected ${shapes} as JSON`]);
    expect(p('{"number": 1,\n "title": "x" "body": ""}')).toEqual([`2:15 invalid JSON: expected ',' or '}', found "\\"body\\""`]);
    expect(p('{"number": 1, "title": ')).toEqual(["1:24 invalid JSON: expected a value, found the end of the file"]);
    expect(p('{"name": "pkg", "version": "1.0.0"}')).toEqual([`1:1 JSON of unknown shape: expected ${shapes}; got an object with "name", "version"`]);
    expect(p("[1]")).toEqual([`1:2 JSON of unknown shape: expected ${shapes}; got a number`]);
    expect(p("[]")).toEqual([`1:1 empty list: expected at least one issue, ${shapes}`]);
    expect(p('{"number": 3, "body": "b", "url": "u"}')).toEqual(['1:1 missing "title": expected a GitHub issue (gh issue view N --json number,title,body)']);
    expect(p('{"number": 3, "title": ""}')).toEqual(["1:24 title: expected the issue's title, a non-empty string"]);
    expect(p('{"title": "t", "body": "b"}')).toEqual(['1:1 missing "number": expected a GitHub issue (gh issue view N --json number,title,body)']);
    expect(p('{"key": "A-1", "fields": {}}')).toEqual(['1:26 missing "fields.summary": expected a Jira issue (GET /rest/api/3/issue/KEY: key, fields.summary)']);
    expect(p('{"key": "A-1", "fields": {"summary": "s", "description": {"type": "paragraph"}}}')).toEqual([
      "1:58 fields.description: expected an Atlassian Document Format document (type: doc), as Jira's REST API v3 writes, or a string (API v2); got type: paragraph",
    ]);
    expect(p(adf([{ type: "paragraph", content: [42] }]))[0]).toMatch(/fields\.description\.content\[0\]\.content\[0\]: expected an Atlassian Document Format node \(an object with a "type"\), got number 42$/);
    expect(p('{"number": 1, "title": "a", "number": 2}')).toEqual(['1:29 duplicate key `number` (first at line 1)']);
  });

  it("names every bad issue of a list, not just the first", () => {
    expect(problems(() => loadJsonTicket("t.json", '[{"number": 1, "title": "ok"},\n {"number": 2},\n {"key": "B-1", "fields": {"summary": 5}}]'))).toEqual([
      '2:2 JSON of unknown shape: expected a GitHub issue (gh issue view N --json number,title,body) or a Jira issue (fields.summary); got an object with "number"',
      "3:39 fields.summary: expected string, got number 5",
    ]);
  });

  it("finds a syntax error deep in a file without recursion", () => {
    expect(jsonSyntaxError(`${"[".repeat(100_000)}}`).message).toBe("invalid JSON: expected a value (a string in double quotes, a number, true, false, null, an object or a list), found \"}\"");
  });
});

describe("loadSingleIncident (for interview --from)", () => {
  it("returns the one incident of any input, and refuses a list of several", async () => {
    const { loadSingleIncident } = await import("../../src/load/loadSingleIncident.js");
    const { builtinPack } = await import("../helpers.js");
    const pack = await builtinPack();
    expect(loadSingleIncident("-", "Token leaked\nThe deploy token was printed in a public log.", pack).incident.id).toBe("stdin");
    expect(loadSingleIncident("t.json", fixture("jira-v3.json").text, pack).ticket?.format).toBe("jira");
    expect(problems(() => loadSingleIncident("l.json", fixture("github-list.json").text, pack))).toEqual([
      "1:1 holds 2 issues: expected one (export a single issue, e.g. gh issue view N --json number,title,body)",
    ]);
  });
});
