import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers.js";
import { run } from "./run.js";

const INV = ["--inventory", "fixtures/inventory.yaml", "--now", "2026-11-23"];
const ONE = "fixtures/incidents/inc-01-retry-replays-migration.yaml";

describe("nhi-triage analyze (end to end)", () => {
  it("text: the decision first, then why, the plan and the findings", () => {
    const r = run(["analyze", ONE, ...INV]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    expect(lines[1]).toMatch(/^→ (ORCHESTRATION FIRST|IDENTITY FIRST|BOTH LAYERS TOGETHER|INSUFFICIENT EVIDENCE) {2}confidence \d\.\d\d/);
    expect(r.stdout).toMatch(/\nWhy\n[\s\S]*\nPlan\n {2} 1\. \[[a-z]+\] [\s\S]*refs: NHI\d+:2025[\s\S]*\nFindings\n/);
    expect(r.stdout).not.toContain("\u001b[");
  });

  it("json: one Triage document in the SPEC shape", () => {
    const r = run(["analyze", ONE, ...INV, "--format", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ apiVersion: "nhi-triage/v1", kind: "Triage", incident: expect.any(String) });
    expect(["orchestration-first", "identity-first", "both", "insufficient-evidence"]).toContain(doc.decision);
    expect(doc.confidence).toBeGreaterThan(0);
    expect(Object.keys(doc.scores)).toEqual(["coordination", "attribution", "boundary"]);
    for (const step of doc.plan) {
      expect(step.refs.owaspNhi.length).toBeGreaterThan(0);
      expect(step.refs.nistCsf.length).toBeGreaterThan(0);
      expect(step.refs.maestro.length).toBeGreaterThan(0);
    }
    for (const f of doc.findings) expect(Object.keys(f)).toEqual(expect.arrayContaining(["rule", "defect", "severity", "subject", "evidence", "refs"]));
  });

  it("json for a folder: a TriageBatch with a portfolio summary", () => {
    const r = run(["analyze", "fixtures/incidents", ...INV, "--format", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.kind).toBe("TriageBatch");
    expect(doc.results.length).toBeGreaterThanOrEqual(12);
    expect(doc.summary.incidents).toBe(doc.results.length);
    expect(doc.summary.suggestedFirst.control).toMatch(/^CTL-/);
    expect(doc.errors).toEqual([]);
  });

  it("ndjson: one Triage per line", () => {
    const r = run(["analyze", "fixtures/incidents", ...INV, "--format", "ndjson"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(12);
    for (const l of lines) expect(JSON.parse(l).kind).toBe("Triage");
  });

  it("markdown: headings, a plan table and a portfolio", () => {
    const r = run(["analyze", "fixtures/incidents", ...INV, "--format", "markdown"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# nhi-triage\n\n## INC-/);
    expect(r.stdout).toContain("| # | Layer | Control | Answers | References |");
    expect(r.stdout).toContain("## Portfolio");
  });

  it("text batch ends with the portfolio summary", () => {
    const r = run(["analyze", "fixtures/incidents", ...INV]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Portfolio: \d+ incidents\n {2}orchestration-first \d+ · identity-first \d+ · both \d+ · insufficient-evidence \d+ · contain first \d+\n/);
    expect(r.stdout).toMatch(/Suggested first control across the set: .+ CTL-[A-Z-]+ \(first in \d+ plans?\)/);
  });

  it("reads an incident from stdin", () => {
    const r = run(["analyze", "-", "--format", "json"], { input: readFileSync(ONE.replace(/^/, ""), "utf8") });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).kind).toBe("Triage");
  });

  it("is byte-identical across runs", () => {
    const a = run(["analyze", "fixtures/incidents", ...INV, "--format", "json"]);
    const b = run(["analyze", "fixtures/incidents", ...INV, "--format", "json"]);
    expect(a.stdout).toBe(b.stdout);
    const c = run(["analyze", "fixtures/incidents", ...INV]);
    const d = run(["analyze", "fixtures/incidents", ...INV]);
    expect(c.stdout).toBe(d.stdout);
  });

  it("--fail-on exits 1 when a finding reaches the severity", () => {
    expect(run(["analyze", "fixtures/incidents", ...INV, "--fail-on", "high", "--format", "json"]).code).toBe(1);
    expect(run(["analyze", "fixtures/incidents", ...INV, "--format", "json"]).code).toBe(0);
  });

  it("--output writes the report and refuses to overwrite an input", () => {
    const dir = tempDir("nhi-");
    const out = join(dir, "report.json");
    const r = run(["analyze", ONE, ...INV, "--format", "json", "--output", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(JSON.parse(readFileSync(out, "utf8")).kind).toBe("Triage");
    const input = join(dir, "incident.yaml");
    copyFileSync(ONE, input);
    const before = readFileSync(input, "utf8");
    const bad = run(["analyze", input, "--output", input]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("refusing to overwrite");
    expect(readFileSync(input, "utf8")).toBe(before);
  });
});

describe("nhi-triage analyze: bad input", () => {
  it("invalid YAML: file:line:column, an excerpt, exit 2, no stack", () => {
    const r = run(["analyze", "fixtures/invalid/bad-yaml.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^fixtures\/invalid\/bad-yaml\.yaml:\d+:\d+ {2}error {2}invalid YAML: /);
    expect(r.stderr).toMatch(/\n +\d+ \| .*\n +\| +\^/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it("schema error and unknown symptom: every problem with a suggestion", () => {
    const r = run(["analyze", "fixtures/invalid/unknown-field.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown-field\.yaml:\d+:\d+ {2}error {2}unknown field "discription".*did you mean "description"\?/);
  });

  it("unknown symptom codes name the closest known codes", () => {
    const dir = tempDir("nhi-");
    const f = join(dir, "inc.yaml");
    writeFileSync(f, "apiVersion: nhi-triage/v1\nkind: Incident\nid: X\nsymptoms: [repeated-retry]\n");
    const r = run(["analyze", f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}:4:12  error  unknown symptom "repeated-retry"; did you mean "repeated-retries"?`);
  });

  it("dangling reference to the inventory", () => {
    const r = run(["analyze", "fixtures/invalid/dangling-ref.yaml", ...INV]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dangling-ref\.yaml:\d+:\d+ {2}error {2}unknown identity ".+": not in fixtures\/inventory\.yaml/);
  });

  it("wrong kind", () => {
    const r = run(["analyze", "fixtures/invalid/wrong-kind.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/wrong-kind\.yaml:\d+:\d+ {2}error {2}expected kind: Incident, this file has kind: Inventory/);
  });

  it("empty file", () => {
    const r = run(["analyze", "fixtures/invalid/empty.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("fixtures/invalid/empty.yaml:1:1  error  empty file: expected a YAML document of kind: Incident");
  });

  it("missing file", () => {
    const r = run(["analyze", "no/such/file.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no/such/file.yaml  error  file not found");
  });

  it("mixed batch: good files are analysed, bad ones reported, exit 2", () => {
    const r = run(["analyze", ONE, "fixtures/invalid/unknown-field.yaml", "fixtures/invalid/empty.yaml", "--format", "json"]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.results).toHaveLength(1);
    expect(doc.errors.map((e: { file: string }) => e.file)).toEqual(expect.arrayContaining(["fixtures/invalid/unknown-field.yaml", "fixtures/invalid/empty.yaml"]));
    expect(r.stderr).toContain("fixtures/invalid/empty.yaml:1:1");
  });

  it("bad usage: an unknown format is exit 2", () => {
    const r = run(["analyze", ONE, "--format", "yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format yaml: unknown format; expected one of text, json, ndjson, markdown, sarif/);
    expect(r.stdout).toBe("");
  });

  it("an invalid inventory stops the run with exit 2", () => {
    const r = run(["analyze", ONE, "--inventory", "fixtures/invalid/bad-yaml.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-yaml\.yaml:\d+:\d+ {2}error/);
  });

  it("a broken rule pack fails with file:line and exit 2", () => {
    const dir = tempDir("pack-");
    writeFileSync(join(dir, "controls.yaml"), "apiVersion: nhi-triage/v1\nkind: Controls\ncontrols:\n  - id: CTL-A\n    title: A\n    layer: identity\n    what: a\n    requires: [CTL-B]\n    refs: [NHI1:2025, PR.AA-01, MAESTRO-L6]\n  - id: CTL-B\n    title: B\n    layer: identity\n    what: b\n    requires: [CTL-A]\n    refs: [NHI1:2025, PR.AC-4, MAESTRO-L6]\n");
    mkdirSync(join(dir, "rules"));
    writeFileSync(join(dir, "rules", "x.yaml"), "apiVersion: nhi-triage/v1\nkind: RuleSet\nrules:\n  - id: X-ONE\n    title: x\n    defect: coordination\n    severity: low\n    weight: 1\n    subject: step\n    when: { fact: step.retrys, gt: 1 }\n    reasoning: x\n    controls: [CTL-A, CTL-NOPE]\n    refs: [NHI1:2025]\n");
    const r = run(["analyze", ONE, "--rules", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/controls\.yaml:\d+:\d+ {2}error {2}unknown framework reference "PR\.AC-4"; PR\.AC-4 is a NIST CSF 1\.1 id, its CSF 2\.0 successor is PR\.AA-05/);
    expect(r.stderr).toMatch(/controls\.yaml:\d+:\d+ {2}error {2}prerequisite cycle: CTL-A → CTL-B → CTL-A/);
    expect(r.stderr).toMatch(/x\.yaml:10:\d+ {2}error {2}unknown fact "step\.retrys"; did you mean "step\.retries"\?/);
    expect(r.stderr).toMatch(/x\.yaml:12:\d+ {2}error {2}unknown control "CTL-NOPE"/);
  });
});

describe("nhi-triage: help and version", () => {
  it("--version and --help exit 0", () => {
    const v = run(["--version"]);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const h = run(["analyze", "--help"]);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/Examples?:/);
  });

  it("the README's fixtures exist", () => {
    expect(existsSync(ONE)).toBe(true);
  });
});

describe("nhi-triage analyze: determinism and warnings", () => {
  // Output against TZ and LANG, for every command and format: determinism.test.ts.
  it("warns when an incident names affected ids but no inventory is given", () => {
    const r = run(["analyze", ONE]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/inc-01-retry-replays-migration\.yaml:\d+:\d+ {2}warning {2}names affected ids but no --inventory was given/);
    expect(run(["analyze", ONE, "--quiet"]).stderr).toBe("");
  });
});

describe("nhi-triage analyze: folders", () => {
  it("skips an inventory found in a searched folder, with a note, but not one named directly", () => {
    const dir = tempDir("nhi-");
    copyFileSync("fixtures/inventory.yaml", join(dir, "inventory.yaml"));
    copyFileSync(ONE, join(dir, "incident.yaml"));
    const r = run(["analyze", dir, "--inventory", join(dir, "inventory.yaml"), "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results).toHaveLength(1);
    expect(r.stderr).toContain(`note: skipped 1 file in the folders that are not incidents (1 Inventory): ${join(dir, "inventory.yaml")}`);
    expect(run(["analyze", join(dir, "inventory.yaml")]).code).toBe(2);
  });
});

describe("nhi-triage analyze: batch warnings", () => {
  it("folds a warning repeated on many files into one line", () => {
    const dir = tempDir("nhi-");
    const text = readFileSync(ONE, "utf8");
    for (let i = 0; i < 5; i++) writeFileSync(join(dir, `i${i}.yaml`), text.replace(/^id: .*$/m, `id: W-${i}`));
    const r = run(["analyze", dir, "--format", "json"]);
    expect(r.code).toBe(0);
    expect(r.stderr.match(/warning {2}names affected ids/g)).toHaveLength(3);
    expect(r.stderr).toContain("2 more files  warning  also: names affected ids but no --inventory was given");
  });
});

describe("nhi-triage analyze: the SPEC.md example", () => {
  it("reaches the decision, finding and plan step the SPEC shows", () => {
    const r = run(["analyze", "fixtures/spec-example/incident.yaml", "--inventory", "fixtures/spec-example/inventory.yaml", "--now", "2026-11-23", "--format", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ kind: "Triage", incident: "INC-2026-041", decision: "orchestration-first", contain: [] });
    expect(doc.findings).toContainEqual(expect.objectContaining({ rule: "ORCH-RETRY-REPLAY", defect: "coordination", severity: "high", subject: "workflow:nightly-deploy/step:migrate-db" }));
    expect(doc.plan.map((s: { control: string }) => s.control)).toContain("CTL-IDEMPOTENT-STEPS");
    expect(doc.symptoms).toContainEqual({ code: "privileged-step-replayed", source: "declared", note: "second run used the same deploy token" });
  });
});
