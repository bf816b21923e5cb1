import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers.js";
import { run } from "./run.js";

const T = "fixtures/tickets";
const NOW = ["--now", "2026-11-23"];
const json = (args: string[], input?: string) => {
  const r = run(["analyze", ...args, ...NOW, "--format", "json"], input === undefined ? {} : { input });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};

describe("analyze reads tickets (end to end)", () => {
  it("plain text: id from the ID line, title from the next, text output with the file", () => {
    const r = run(["analyze", `${T}/reconciler-double-run.txt`, ...NOW]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n")[0]).toBe(`OPS-5521  Ledger reconciler ran twice after a scheduler restart`);
    expect(r.stdout).toMatch(/^→ ORCHESTRATION FIRST/m);
  });

  it("Markdown: front matter id, heading title, description without marks; SARIF points into the file", () => {
    const doc = json([`${T}/webhook-secret-in-wiki.md`]);
    expect(doc).toMatchObject({ kind: "Triage", incident: "TKT-2026-118", title: "Payment webhook signing secret found on the team wiki" });
    expect(doc.decision).toBe("identity-first");
    const sarif = JSON.parse(run(["analyze", `${T}/webhook-secret-in-wiki.md`, ...NOW, "--format", "sarif"]).stdout);
    const first = sarif.runs[0].results[0];
    const loc = first.locations[0].physicalLocation;
    expect(loc.artifactLocation.uri).toContain("webhook-secret-in-wiki.md");
    // The leaked secret rests on words of the description: "signing **secret**" (line 9) ... "public" (line 10).
    expect(loc.region).toEqual({ startLine: 9, startColumn: 53, endLine: 10, endColumn: 58 });
    const lines = readFileSync(`${T}/webhook-secret-in-wiki.md`, "utf8").split("\n");
    const words = first.relatedLocations.map((l: { physicalLocation: { region: { startLine: number; startColumn: number; endColumn: number } } }) => {
      const r = l.physicalLocation.region;
      return lines[r.startLine - 1]!.slice(r.startColumn - 1, r.endColumn - 1);
    });
    expect(words).toEqual(["secret", "public"]);
  });

  it("a GitHub issue saved from gh issue view: id owner/repo#N", () => {
    const doc = json([`${T}/github-issue.json`]);
    expect(doc).toMatchObject({ incident: "example-org/platform#314", decision: "identity-first" });
    expect(doc.symptoms.map((s: { code: string }) => s.code)).toEqual(expect.arrayContaining(["shared-service-account", "unclear-ownership"]));
  });

  it("a gh issue list export is a batch of tickets", () => {
    const doc = json([`${T}/github-list.json`]);
    expect(doc.kind).toBe("TriageBatch");
    expect(doc.results.map((r: { incident: string }) => r.incident)).toEqual(["GH-401", "GH-402"]);
  });

  it("Jira REST API v2 (wiki text) and v3 (Atlassian Document Format)", () => {
    expect(json([`${T}/jira-v2.json`])).toMatchObject({ incident: "SEC-88", title: "Approval reused to rotate production database credentials" });
    const v3 = json([`${T}/jira-v3.json`]);
    expect(v3).toMatchObject({ incident: "PLAT-901", decision: "identity-first" });
    expect(v3.symptoms.map((s: { code: string }) => s.code)).toContain("delegated-scope-inheritance");
  });

  it("stdin: the kind is told by content (Markdown, plain text, JSON)", () => {
    expect(json(["-"], readFileSync(`${T}/webhook-secret-in-wiki.md`, "utf8")).incident).toBe("TKT-2026-118");
    expect(json(["-"], "Nightly deploy ran twice\nThe scheduler fired twice and re-applied a migration.\n")).toMatchObject({ incident: "stdin", title: "Nightly deploy ran twice" });
    expect(json(["-"], readFileSync(`${T}/jira-v3.json`, "utf8")).incident).toBe("PLAT-901");
  });

  it("a folder with every kind is analysed in one batch, in path order; README and other JSON skipped with a note", () => {
    const dir = tempDir();
    for (const f of ["webhook-secret-in-wiki.md", "reconciler-double-run.txt", "github-issue.json", "github-list.json", "jira-v2.json", "jira-v3.json", "README.md"]) copyFileSync(join(T, f), join(dir, f));
    copyFileSync("fixtures/incidents/inc-01-retry-replays-migration.yaml", join(dir, "inc-01.yaml"));
    mkdirSync(join(dir, "reports"));
    writeFileSync(join(dir, "reports", "package.json"), '{"name": "x", "version": "1.0.0"}\n');
    const r = run(["analyze", dir, "--inventory", "fixtures/inventory.yaml", ...NOW, "--format", "json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`note: skipped 2 files in the folders that are not incidents (1 README-like, 1 other JSON): ${join(dir, "README.md")}, ${join(dir, "reports", "package.json")}\n`);
    const doc = JSON.parse(r.stdout);
    expect(doc.kind).toBe("TriageBatch");
    expect(doc.results.map((x: { incident: string }) => x.incident)).toEqual(["example-org/platform#314", "GH-401", "GH-402", "INC-2026-001", "SEC-88", "PLAT-901", "OPS-5521", "TKT-2026-118"]);
    expect(doc.errors).toEqual([]);
    // Byte-identical on a second run.
    expect(run(["analyze", dir, "--inventory", "fixtures/inventory.yaml", ...NOW, "--format", "json"]).stdout).toBe(r.stdout);
  });

  it("bad tickets: file:line:column, what was expected, exit 2, no stack", () => {
    const dir = tempDir();
    const cases: Array<[string, string | Buffer, string]> = [
      ["empty.md", "", "empty.md:1:1  error  empty file: expected a ticket: a title line or a Markdown heading, then the description"],
      ["blank.txt", " \n\t\n", "blank.txt:1:1  error  empty file: expected a ticket: a title line or a Markdown heading, then the description"],
      ["empty.json", "\n", "empty.json:1:1  error  empty file: expected a GitHub issue (gh issue view N --json number,title,body) or a Jira issue (fields.summary) as JSON"],
      ["syntax.json", '{"number": 1,\n  "title": "x",,\n}', `syntax.json:2:16  error  invalid JSON: expected a key in double quotes, found ","`],
      ["shape.json", '{"results": []}', "shape.json:1:1  error  JSON of unknown shape: expected a GitHub issue (gh issue view N --json number,title,body) or a Jira issue (fields.summary); got an object with \"results\""],
      ["notdoc.json", '{"key": "A-1", "fields": {"summary": "s", "description": {"type": "text", "text": "x"}}}', "notdoc.json:1:58  error  fields.description: expected an Atlassian Document Format document (type: doc), as Jira's REST API v3 writes, or a string (API v2); got type: text"],
      ["nosummary.json", '{"key": "A-1",\n "fields": {"description": "d"}}', 'nosummary.json:2:12  error  missing "fields.summary": expected a Jira issue (GET /rest/api/3/issue/KEY: key, fields.summary)'],
      ["notitle.json", '{"number": 7, "body": "b"}', 'notitle.json:1:1  error  missing "title": expected a GitHub issue (gh issue view N --json number,title,body)'],
      ["binary.md", Buffer.from([0x23, 0x20, 0x54, 0x0a, 0x00, 0x01]), "binary.md:2:1  error  binary data (a NUL byte): expected a text file (an incident or a ticket)"],
    ];
    for (const [name, text, message] of cases) {
      writeFileSync(join(dir, name), text);
      const r = run(["analyze", join(dir, name), ...NOW]);
      expect(r.code, name).toBe(2);
      expect(r.stdout, name).toBe("");
      expect(r.stderr.split("\n")[0], name).toBe(`${join(dir, message.split(":")[0]!)}${message.slice(message.indexOf(":"))}`);
      expect(r.stderr, name).not.toMatch(/\n\s+at /);
    }
  });
});
