import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers.js";

// `npm run eval` on a tiny corpus whose answers are fixed by declared symptoms, so the
// figures below follow from the arithmetic alone, whatever the text detectors do.
function evalRun(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [`${ROOT}scripts/eval.mjs`, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

const ORCH = "[repeated-retries, privileged-step-replayed, duplicate-action, no-compensation]";
const IDENT = "[leaked-secret, long-lived-secret, unexpected-access, token-overreach]";
const incident = (header: string, id: string, symptoms: string, active = false) =>
  `${header}\napiVersion: nhi-triage/v1\nkind: Incident\nid: ${id}\nactive: ${active}\nsymptoms: ${symptoms}\n`;

function fakeFixtures(): string {
  const dir = tempDir("eval-");
  mkdirSync(join(dir, "fx", "corp"), { recursive: true });
  mkdirSync(join(dir, "fx", "sentences"));
  mkdirSync(join(dir, "fx", "other"));
  writeFileSync(join(dir, "fx", "corp", "a.yaml"), incident("# A practitioner's answer: orchestration-first", "A", ORCH));
  // The practitioner disagrees with what the declared symptoms lead to: a miss on decision and plan.
  writeFileSync(join(dir, "fx", "corp", "b.yaml"), incident("# A practitioner's answer: identity-first (contain first)", "B", ORCH, true));
  writeFileSync(join(dir, "fx", "corp", "c.yaml"), incident("# A practitioner's answer: identity-first (contain first)", "C", IDENT, true));
  // A folder with no expected answers is not a corpus.
  writeFileSync(join(dir, "fx", "other", "x.yaml"), incident("# just an incident", "X", IDENT));
  writeFileSync(join(dir, "fx", "sentences", "s.yaml"), "apiVersion: nhi-triage/v1\nkind: Sentences\nsentences:\n  - text: The weather was fine.\n  - text: Nobody came.\n    hard: { kind: negation, not: [leaked-secret] }\n");
  return dir;
}

describe("npm run eval", () => {
  it("prints accuracy per corpus and the confusion matrix, and exits 0", () => {
    const dir = fakeFixtures();
    const r = evalRun(["--fixtures", "fx"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^corpus\s+cases\s+decision\s+contain \(live\)\s+plan opens\s+right\s+extra contain$/);
    expect(lines.find((l) => l.startsWith("corp "))).toMatch(/^corp\s+3\s+2\/3 67%\s+2\/2 100%\s+2\/3 67%\s+2\/3 67%\s+0$/);
    expect(r.stdout).not.toMatch(/^other\s/m);
    expect(lines.find((l) => l.startsWith("identity-first "))).toMatch(/^identity-first\s+1\s+1\s+0\s+0$/);
    expect(r.stdout).toContain("Sentences: 2 labelled");
    expect(lines.find((l) => l.startsWith("negation "))).toMatch(/^negation\s+1\/1 100%$/);
  });

  it("--json carries the same figures, and two runs are byte-identical", () => {
    const dir = fakeFixtures();
    const a = evalRun(["--json", "--fixtures", "fx"], dir);
    expect(a.code).toBe(0);
    const report = JSON.parse(a.stdout);
    expect(report.corpora.map((c: { name: string }) => c.name)).toEqual(["corp"]);
    expect(report.total.decision).toEqual({ hits: 2, of: 3 });
    expect(report.total.confusion["identity-first"]["orchestration-first"]).toBe(1);
    expect(report.sentences.micro).toEqual({ precision: null, recall: null });
    expect(evalRun(["--json", "--fixtures", "fx"], dir).stdout).toBe(a.stdout);
  });

  it("a corpus file without a valid answer stops the run with file:line:column and exit 2", () => {
    const dir = fakeFixtures();
    writeFileSync(join(dir, "fx", "corp", "d.yaml"), incident("# A practitioner's answer: identity-ish", "D", IDENT));
    writeFileSync(join(dir, "fx", "corp", "e.yaml"), incident("# nothing said", "E", IDENT));
    const r = evalRun(["--fixtures", "fx"], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("nhi-triage eval: malformed corpus file");
    expect(r.stderr).toContain(`${join("fx", "corp", "d.yaml")}:1:28  expected a practitioner's answer of orchestration-first, identity-first, both, insufficient-evidence, got "identity-ish"`);
    expect(r.stderr).toContain(`${join("fx", "corp", "e.yaml")}:1:1  expected a header line`);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it("an unknown symptom code in a sentence file, and an unknown argument, exit 2", () => {
    const dir = fakeFixtures();
    writeFileSync(join(dir, "fx", "sentences", "t.yaml"), "apiVersion: nhi-triage/v1\nkind: Sentences\nsentences:\n  - text: A key leaked.\n    shows: [leaked-secrett]\n");
    const r = evalRun(["--fixtures", "fx"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join("fx", "sentences", "t.yaml")}:5:13  unknown symptom code "leaked-secrett"`);
    const u = evalRun(["--fast"], dir);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain('unknown argument "--fast"');
  });
});
