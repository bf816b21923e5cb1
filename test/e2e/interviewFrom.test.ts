import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { tempDir } from "../helpers.js";
import { THIN_TICKET } from "../tools/thinTicket.js";
import { run } from "./run.js";

const NOW = ["--now", "2026-11-23"];
const TICKET = "apiVersion: nhi-triage/v1\nkind: Incident\nid: INC-T-7\ntitle: Nightly deploy\ndescription: the nightly deploy fired twice and re-applied a migration\n";
const answers = (body: string) => `apiVersion: nhi-triage/v1\nkind: Answers\nanswers:\n${body}`;

function files(map: Record<string, string>): Record<string, string> {
  const dir = tempDir();
  return Object.fromEntries(Object.entries(map).map(([name, text]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return [name, path];
  }));
}

describe("nhi-triage interview --from TICKET (end to end)", () => {
  it("replays answers on top of the ticket: the static token CI stores keeps orchestration-first", () => {
    const f = files({ "ticket.yaml": TICKET, "answers.yaml": answers("  seen: [jobs, credential]\n  credential: [long-lived, orchestrator]\n  active: contained\n"), "saved.yaml": "" });
    const r = run(["interview", "--from", f["ticket.yaml"]!, "--answers", f["answers.yaml"]!, ...NOW]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^INC-T-7 {2}Nightly deploy\n→ ORCHESTRATION FIRST {2}confidence 0\.\d\d/);
    expect(r.stdout).toContain('("deploy fired twice and re-applied")');
    expect(r.stdout).toMatch(/Plan\n {3}1\. \[orchestration\]/);
  });

  it("starts from a Markdown ticket, and a JSON list of several issues is refused at 1:1", () => {
    const md = "# Nightly deploy\n\nThe nightly deploy fired twice and re-applied a migration.\n";
    const list = JSON.stringify([{ number: 1, title: "a", body: "b" }, { number: 2, title: "c", body: "d" }]);
    const f = files({ "INC-MD-1.md": md, "list.json": list, "answers.yaml": answers("  seen: [jobs, credential]\n  credential: [long-lived, orchestrator]\n  active: contained\n") });
    const r = run(["interview", "--from", f["INC-MD-1.md"]!, "--answers", f["answers.yaml"]!, ...NOW]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^INC-MD-1 {2}Nightly deploy\n→ ORCHESTRATION FIRST/);
    const bad = run(["interview", "--from", f["list.json"]!, "--answers", f["answers.yaml"]!, ...NOW]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain(`${f["list.json"]}:1:1  error  holds 2 issues: expected one`);
  });

  it("saves the ticket and the answers as one incident that analyze reads back to the same triage", () => {
    const dir = tempDir();
    const ticket = join(dir, "ticket.yaml");
    const saved = join(dir, "saved.yaml");
    writeFileSync(ticket, TICKET);
    writeFileSync(join(dir, "a.yaml"), answers("  seen: [jobs, credential]\n  credential: [long-lived]\n  active: contained\n"));
    const r = run(["interview", "--from", ticket, "--answers", join(dir, "a.yaml"), "--save", saved, "--format", "json", ...NOW]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`saved the incident to ${saved}\n`);
    const back = run(["analyze", saved, "--format", "json", ...NOW]);
    const [a, b] = [JSON.parse(r.stdout), JSON.parse(back.stdout)];
    expect({ decision: b.decision, confidence: b.confidence, scores: b.scores }).toEqual({ decision: a.decision, confidence: a.confidence, scores: a.scores });
    expect(parse(readFileSync(saved, "utf8"))).toMatchObject({ id: "INC-T-7", symptoms: [{ code: "long-lived-secret", standing: true }] });
  });

  it("an undecided ticket plus the answer to a question it asked decides", () => {
    const f = files({ "thin.yaml": THIN_TICKET, "answers.yaml": answers("  seen: [jobs]\n  jobs: [order]\n  attribution: true\n") });
    const before = JSON.parse(run(["analyze", f["thin.yaml"]!, "--format", "json", ...NOW]).stdout);
    expect(before).toMatchObject({ decision: "insufficient-evidence", leans: "none", why: [{ reason: "nothing-found" }] });
    expect(before.ask).toContain("jobs");
    const r = run(["interview", "--from", f["thin.yaml"]!, "--answers", f["answers.yaml"]!, "--format", "json", ...NOW]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ incident: "INC-THIN-1", decision: "orchestration-first", title: "Payments API returned errors for two hours on Tuesday" });
  });

  it("a bad ticket is an input error at file:line:column, exit 2, before anything is asked", () => {
    const f = files({ "bad.yaml": "apiVersion: nhi-triage/v1\nkind: Incident\nid: X\nsymptoms: [retries-twice]\n", "a.yaml": answers("  seen: [unsure]\n") });
    const r = run(["interview", "--from", f["bad.yaml"]!, "--answers", f["a.yaml"]!, ...NOW]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(new RegExp(`${f["bad.yaml"]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:4:12 +error +unknown symptom "retries-twice"`));
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    const missing = run(["interview", "--from", join(tempDir(), "nope.yaml"), "--answers", f["a.yaml"]!, ...NOW]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.yaml.*(not found|no such)/i);
  });

  it("an answer the ticket's start makes inapplicable is an input error naming its line", () => {
    const f = files({ "ticket.yaml": TICKET, "a.yaml": answers("  seen: [credential]\n  jobs: [retried]\n") });
    const r = run(["interview", "--from", f["ticket.yaml"]!, "--answers", f["a.yaml"]!, ...NOW]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f["a.yaml"]}:5:3`);
    expect(r.stderr).toContain('question "jobs" does not apply to the other answers');
  });
});
