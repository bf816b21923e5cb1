import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers.js";
import { run } from "./run.js";

const PACK = "fixtures/rule-pack";
const INCIDENT = "fixtures/incidents/inc-01-retry-replays-migration.yaml";
const BROKEN = {
  "unknown-ref": /broken-packs\/unknown-ref\/rules\/refs\.yaml:14:23 {2}error {2}unknown framework reference "NHI11:2025"; did you mean "NHI10:2025"/,
  "bad-condition": /broken-packs\/bad-condition\/rules\/condition\.yaml:14:19 {2}error {2}unknown fact "identity\.credentials\.type"; did you mean "identity\.credential\.type"[\s\S]*condition\.yaml:15:\d+ {2}error {2}"gt" compares numbers, but identity\.credential\.storage is a string/,
  cycle: /broken-packs\/cycle\/controls\.yaml:\d+:\d+ {2}error {2}prerequisite cycle: CTL-BROKEN-[A-Z-]+ → CTL-BROKEN-[A-Z-]+ → CTL-BROKEN-[A-Z-]+/,
} as const;

/** A copy of the fixture pack to break on purpose, so the fixture itself stays green. */
function packCopy(): string {
  const dir = tempDir("pack-");
  cpSync(join(ROOT, PACK), dir, { recursive: true });
  return dir;
}

describe("nhi-triage rules test (end to end)", () => {
  it("runs the built-in pack's cases: every case in rules/cases/builtin.yaml and the source rules' cases passes", () => {
    const files = ["rules/cases/builtin.yaml", "rules/cases/source-aws.yaml", "rules/cases/source-azure.yaml", "rules/cases/source-gcp.yaml", "rules/cases/source-github.yaml", "rules/cases/source-kubernetes.yaml", "rules/cases/source-terraform.yaml"];
    const cases = files.reduce((n, f) => n + (parse(readFileSync(join(ROOT, f), "utf8")) as { cases: unknown[] }).cases.length, 0);
    const r = run(["rules", "test"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^rules\/cases\/builtin\.yaml\n {2}✓ /);
    expect(r.stdout).toContain("\nrules/cases/source-kubernetes.yaml\n  ✓ ");
    expect(r.stdout.endsWith(`\n${cases} passed, 0 failed (${files.join(", ")})\n`)).toBe(true);
    expect(r.stdout).not.toMatch(/✗|warning/);
  });

  it("runs a custom pack's cases on top of the built-in pack", () => {
    const r = run(["rules", "test", PACK]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("  ✓ deploy token exposed to a fork's build\n");
    expect(r.stdout).toMatch(/\n5 passed, 0 failed \(fixtures\/rule-pack\/cases\/ci-forks\.yaml\)\n$/);
    expect(r.stdout).not.toContain("warning");
  });

  it("a failing case is exit 1, with the failure indented under it; a rule without a negative case is a warning", () => {
    const dir = packCopy();
    const file = join(dir, "cases", "ci-forks.yaml");
    const text = readFileSync(file, "utf8")
      .replace("    silent: [ACME-CI-STATIC-PROD-TOKEN, ACME-CI-PROD-TOKEN-LEAKED]\n", "    fires: [ACME-CI-STATIC-PROD-TOKEN]\n")
      .replace(/silent: \[ACME-CI-PROD-TOKEN-LEAKED, ACME-CI-STATIC-PROD-TOKEN\]/g, "silent: []")
      .replace("    silent: [ACME-CI-PROD-TOKEN-LEAKED]\n", "");
    writeFileSync(file, text);
    const r = run(["rules", "test", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("  ✗ short-lived deploy token in CI\n      ACME-CI-STATIC-PROD-TOKEN should fire but did not\n      fired: ");
    expect(r.stdout).toContain("warning  ACME-CI-PROD-TOKEN-LEAKED: no case where it stays silent\n");
    expect(r.stdout).toMatch(/\n4 passed, 1 failed \(.*ci-forks\.yaml\)\n$/);
  });

  it("an invalid cases file is exit 2 with file:line:column, and no stack", () => {
    const dir = packCopy();
    writeFileSync(join(dir, "cases", "extra.yaml"), "apiVersion: nhi-triage/v1\nkind: RuleCases\ncases:\n  - name: typo\n    incident: {}\n    fires: [ACME-CI-PROD-TOKEN-LEAK]\n");
    const r = run(["rules", "test", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cases\/extra\.yaml:6:13 {2}error {2}unknown rule "ACME-CI-PROD-TOKEN-LEAK"; did you mean "ACME-CI-PROD-TOKEN-LEAKED"/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe("");
  });

  it("a pack without cases is bad usage", () => {
    const dir = tempDir("pack-");
    cpSync(join(ROOT, PACK, "controls.yaml"), join(dir, "controls.yaml"));
    const none = run(["rules", "test", dir]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no rule cases \(expected cases\/\*\.yaml of kind: RuleCases\)/);
  });
});

describe("a custom rule pack with analyze (end to end)", () => {
  it("loads through --rules and its rule fires on the example incident", () => {
    const r = run(["analyze", `${PACK}/examples/incident.yaml`, "--rules", PACK, "--inventory", `${PACK}/cases/inventory.yaml`, "--now", "2026-11-23", "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const finding = doc.findings.find((f: { rule: string }) => f.rule === "ACME-CI-PROD-TOKEN-LEAKED");
    expect(finding).toMatchObject({ defect: "attribution", severity: "critical", subject: "identity:ci-deploy" });
    expect(doc.findings.map((f: { rule: string }) => f.rule)).toContain("ACME-CI-STATIC-PROD-TOKEN");
    expect(JSON.stringify(doc.plan)).toContain("CTL-ACME-NO-SECRETS-FOR-FORKS");
  });
});

describe("broken rule packs (end to end)", () => {
  for (const [name, message] of Object.entries(BROKEN)) {
    it(`${name}: rules test and analyze are exit 2, naming file:line:column and the problem`, () => {
      for (const args of [["rules", "test", `fixtures/broken-packs/${name}`], ["analyze", INCIDENT, "--rules", `fixtures/broken-packs/${name}`]]) {
        const r = run(args);
        expect(r.code, args.join(" ")).toBe(2);
        expect(r.stderr).toMatch(message);
        expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
        expect(r.stdout).toBe("");
      }
    });
  }
});

describe("nhi-triage rules list (end to end)", () => {
  it("one line per rule sorted by id, change rules included, then a count", () => {
    const r = run(["rules", "list"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    const ids = lines.slice(0, -1).map((l) => l.split(/\s+/)[0]!);
    expect(ids).toEqual([...ids].sort());
    expect(lines.find((l) => l.startsWith("NHI-STATIC-SECRET "))).toMatch(/^NHI-STATIC-SECRET +attribution +high +inventory +Static secret/);
    expect(lines.find((l) => l.startsWith("CHANGE-OWNER-REMOVED "))).toMatch(/ change +Identity's owner removed$/);
    expect(lines.at(-1)).toMatch(new RegExp(`^${ids.length} rules \\(\\d+ incident, \\d+ inventory, \\d+ change\\)$`));
    expect(r.stdout).not.toContain("\u001b[");
  });

  it("filters by defect, severity and reference, and includes extra packs", () => {
    const r = run(["rules", "list", "--severity", "critical", "--ref", "NHI2:2025", "--rules", PACK, "--format", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.rules.map((x: { id: string }) => x.id)).toContain("ACME-CI-PROD-TOKEN-LEAKED");
    for (const x of doc.rules) {
      expect(x.severity).toBe("critical");
      expect(x.refs).toContain("NHI2:2025");
    }
    const boundary = run(["rules", "list", "--defect", "boundary"]);
    expect(boundary.stdout.trimEnd().split("\n").slice(0, -1).every((l) => / boundary /.test(l))).toBe(true);
  });

  it("an unknown --ref is exit 2 with a suggestion", () => {
    const r = run(["rules", "list", "--ref", "NHI11:2025"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--ref NHI11:2025: not a framework id in the catalog; did you mean "NHI10:2025"/);
    const old = run(["rules", "list", "--ref", "PR.AC-4"]);
    expect(old.code).toBe(2);
    expect(old.stderr).toMatch(/CSF 2\.0 successor is PR\.AA-05/);
  });
});

describe("nhi-triage rules show (end to end)", () => {
  it("shows the whole rule: fields, reasoning, condition, controls, references, reasoning lines and cases", () => {
    const r = run(["rules", "show", "ORCH-RETRY-REPLAY"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Retries replay a privileged step whose idempotency is not proven\n {2}id +ORCH-RETRY-REPLAY\n {2}scope +incident/);
    for (const field of ["defect", "severity", "weight", "subject"]) expect(r.stdout).toMatch(new RegExp(`\\n {2}${field} +\\S`));
    expect(r.stdout).toContain("\nWhen\n  all of:\n  - any of:\n    - symptom repeated-retries\n");
    expect(r.stdout).toContain("  - step.idempotent is not proven true (notEquals true: also holds when unknown)\n");
    expect(r.stdout).toMatch(/\nControls\n {2}CTL-IDEMPOTENT-STEPS {2}Prove idempotency of privileged steps {2}\[orchestration\]\n/);
    expect(r.stdout).toMatch(/\nReferences\n {2}NHI5:2025 +NHI5:2025 Overprivileged NHI\n/);
    expect(r.stdout).toMatch(/\nEncodes\n {2}coord\.retry-replays-privileged +Retries that replay/);
    expect(r.stdout).toMatch(/\nCases\n {2}fires +retries replay a privileged non-idempotent step {2}\(rules\/cases\/builtin\.yaml\)\n {2}stays silent +/);
  });

  it("shows a change rule's fact, change and scale, and a custom pack's rule with its own cases", () => {
    const change = run(["rules", "show", "CHANGE-CREDENTIAL-WEAKENED"]);
    expect(change.code).toBe(0);
    expect(change.stdout).toMatch(/\nChange\n {2}fact +identity\.credential\.type\n {2}change +weakens\n {2}scale +workload-identity > short-lived-token/);
    const custom = run(["rules", "show", "ACME-CI-PROD-TOKEN-LEAKED", "--rules", PACK]);
    expect(custom.code).toBe(0);
    expect(custom.stdout).toContain("  CTL-ACME-NO-SECRETS-FOR-FORKS  Keep production credentials away from fork builds  [orchestration]\n");
    expect(custom.stdout).toContain("acme.fork-builds-untrusted");
    expect(custom.stdout).toMatch(/fires +deploy token exposed to a fork's build {2}\(fixtures\/rule-pack\/cases\/ci-forks\.yaml\)/);
  });

  it("an unknown id is exit 2 with a suggestion", () => {
    const r = run(["rules", "show", "NHI-STATIC-SECRETS"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown rule or control "NHI-STATIC-SECRETS"; did you mean "NHI-STATIC-SECRET"\?/);
    expect(r.stdout).toBe("");
  });

  it("each subcommand's help shows an example", () => {
    for (const sub of ["list", "show", "test"]) {
      const r = run(["rules", sub, "--help"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`\\nExample:\\n {2}nhi-triage rules ${sub}`));
    }
  });
});
