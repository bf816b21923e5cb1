import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers.js";
import { run } from "./run.js";

const NOW = ["--now", "2026-11-23"];
const RISKY = `  - id: export-key
    kind: api-key
    owner: team-data
    usedBy: [team-data]
    environments: [prod]
    credential: { type: short-lived-token, maxAge: 1h, storage: env-file }
    privileges: [warehouse:read]
    humanUse: false
    lastUsed: 2026-11-22
`;

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

/** A repository whose main branch has the example base inventory committed at infra/nhi.yaml. */
function repo(): { dir: string; inv: string } {
  const dir = tempDir("nhi-gate-");
  git(dir, "init", "-q", "-b", "main");
  writeFileSync(join(dir, "README.md"), "before the inventory existed\n");
  git(dir, "add", ".");
  git(dir, "commit", "-qm", "readme");
  mkdirSync(join(dir, "infra"));
  copyFileSync(join(ROOT, "fixtures/gate/base.yaml"), join(dir, "infra/nhi.yaml"));
  git(dir, "add", ".");
  git(dir, "commit", "-qm", "inventory");
  return { dir, inv: join(dir, "infra/nhi.yaml") };
}

/** Adds an identity that stores its secret in an env file: one new critical finding. */
function addRisky(inv: string): void {
  const text = readFileSync(inv, "utf8");
  writeFileSync(inv, text.replace("workflows:\n", `${RISKY}workflows:\n`));
}

function waivers(dir: string, body: string): string {
  const file = join(dir, "waivers.yaml");
  writeFileSync(file, `apiVersion: nhi-triage/v1\nkind: Waivers\nwaivers:\n${body}`);
  return file;
}

const waiver = (rule: string, subject: string, expires: string) =>
  `  - rule: ${rule}\n    subject: ${subject}\n    reason: accepted for the test\n    owner: team-data\n    expires: ${expires}\n`;

describe("nhi-triage gate in a real git repository (end to end)", () => {
  it("unchanged inventory against HEAD passes with nothing new", () => {
    const { dir, inv } = repo();
    const r = run(["gate", inv, "--base", "HEAD", "--format", "json", ...NOW], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ kind: "GateResult", passed: true, failOn: "high", new: [], resolved: [] });
    expect(doc.base).toEqual({ state: "present", given: "HEAD", label: "HEAD:infra/nhi.yaml" });
    expect(doc.existing.length).toBeGreaterThan(0);
  });

  it("a risky addition fails with only that addition under new, against HEAD and a branch name", () => {
    const { dir, inv } = repo();
    git(dir, "checkout", "-qb", "feature");
    addRisky(inv);
    for (const base of ["HEAD", "main"]) {
      const r = run(["gate", "infra/nhi.yaml", "--base", base, "--format", "json", ...NOW], { cwd: dir });
      expect(r.code).toBe(1);
      const doc = JSON.parse(r.stdout);
      expect(doc.passed).toBe(false);
      expect(doc.new.map((f: { rule: string; subject: string }) => `${f.rule} ${f.subject}`)).toEqual(["NHI-SECRET-IN-CODE identity:export-key"]);
      expect(doc.new[0]).toMatchObject({ file: "infra/nhi.yaml", fails: true, severity: "critical" });
      expect(doc.new[0].line).toBeGreaterThan(1);
      expect(doc.resolved).toEqual([]);
    }
    // The same change committed: the branch's own HEAD has it, main does not.
    git(dir, "commit", "-qam", "add export key");
    expect(run(["gate", inv, "--base", "HEAD", ...NOW], { cwd: dir }).code).toBe(0);
    expect(run(["gate", inv, "--base", "main", ...NOW], { cwd: dir }).code).toBe(1);
  });

  it("text output puts the verdict first and names file:line of the new finding", () => {
    const { dir, inv } = repo();
    addRisky(inv);
    const r = run(["gate", "infra/nhi.yaml", "--base", "HEAD", ...NOW], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n")[0]).toBe("GATE FAILED  1 new finding at or above high");
    expect(r.stdout).toMatch(/infra\/nhi\.yaml:\d+:\d+ {2}CRITICAL NHI-SECRET-IN-CODE {2}identity:export-key/);
    expect(r.stdout).toMatch(/1 new · \d+ existing · 0 resolved · 0 waived/);
  });

  it("a waiver lets the gate pass and lists the finding as waived", () => {
    const { dir, inv } = repo();
    addRisky(inv);
    const w = waivers(dir, waiver("NHI-SECRET-IN-CODE", "identity:export-*", "2027-01-31"));
    const r = run(["gate", inv, "--base", "HEAD", "--waivers", w, "--format", "json", ...NOW], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.new).toEqual([]);
    expect(doc.waived).toHaveLength(1);
    expect(doc.waived[0]).toMatchObject({ rule: "NHI-SECRET-IN-CODE", subject: "identity:export-key", status: "new" });
    expect(doc.waived[0].waiver).toMatchObject({ owner: "team-data", expires: "2027-01-31", line: 4 });
  });

  it("an expired waiver no longer waives: the gate fails and says so", () => {
    const { dir, inv } = repo();
    addRisky(inv);
    const w = waivers(dir, waiver("NHI-SECRET-IN-CODE", "identity:export-key", "2026-11-01"));
    const r = run(["gate", inv, "--base", "HEAD", "--waivers", w, "--format", "json", ...NOW], { cwd: dir });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.waived).toEqual([]);
    expect(doc.expiredWaivers).toHaveLength(1);
    expect(doc.expiredWaivers[0].matches).toEqual([doc.new[0].fingerprint]);
    expect(r.stderr).toMatch(/waivers\.yaml:4:5 {2}warning {2}waiver for NHI-SECRET-IN-CODE on identity:export-key expired on 2026-11-01/);
  });

  it("a waiver still holds on its expiry day", () => {
    const { dir, inv } = repo();
    addRisky(inv);
    const w = waivers(dir, waiver("NHI-SECRET-IN-CODE", "identity:export-key", "2026-11-23"));
    expect(run(["gate", inv, "--base", "HEAD", "--waivers", w, ...NOW], { cwd: dir }).code).toBe(0);
    expect(run(["gate", inv, "--base", "HEAD", "--waivers", w, "--now", "2026-11-24"], { cwd: dir }).code).toBe(1);
  });

  it("a stale waiver is a warning; --strict makes it fail", () => {
    const { dir, inv } = repo();
    const w = waivers(dir, waiver("NHI-HUMAN-USE", "identity:nobody", "2027-01-31"));
    const r = run(["gate", inv, "--base", "HEAD", "--waivers", w, ...NOW], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/waivers\.yaml:4:5 {2}warning {2}stale waiver: NHI-HUMAN-USE on identity:nobody matches no finding/);
    expect(r.stdout).toContain("Stale waivers (1)");
    const strict = run(["gate", inv, "--base", "HEAD", "--waivers", w, "--strict", ...NOW], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stdout.split("\n")[0]).toMatch(/^GATE FAILED/);
    expect(run(["gate", inv, "--base", "HEAD", "--waivers", w, "--quiet", ...NOW], { cwd: dir }).stderr).toBe("");
  });

  it("a base commit without the file means every finding is new", () => {
    const { dir, inv } = repo();
    const r = run(["gate", inv, "--base", "HEAD~1", "--format", "json", ...NOW], { cwd: dir });
    const doc = JSON.parse(r.stdout);
    expect(doc.base).toEqual({ state: "absent", given: "HEAD~1", label: "HEAD~1:infra/nhi.yaml" });
    expect(doc.existing).toEqual([]);
    expect(doc.new.length).toBeGreaterThan(0);
    expect(r.code).toBe(1);
  });

  it("fails closed: a missing, unreadable or invalid head inventory is exit 2", () => {
    const { dir, inv } = repo();
    const missing = run(["gate", "infra/missing.yaml", "--base", "HEAD"], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/infra\/missing\.yaml.*file not found/);
    expect(missing.stdout).toBe("");

    const folder = run(["gate", "infra", "--base", "HEAD"], { cwd: dir });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/infra.*is a folder/);

    writeFileSync(inv, "apiVersion: nhi-triage/v1\nkind: Inventory\nidentities:\n  - id: x\n    kind: robot\n");
    const bad = run(["gate", "infra/nhi.yaml", "--base", "HEAD"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/infra\/nhi\.yaml:5:11 {2}error {2}/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);

    writeFileSync(inv, "identities: [\n");
    const broken = run(["gate", "infra/nhi.yaml", "--base", "HEAD"], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/infra\/nhi\.yaml:\d+:\d+ {2}error/);
  });

  it("a base ref that does not exist is exit 2 with a clear message", () => {
    const { dir, inv } = repo();
    const r = run(["gate", inv, "--base", "no-such-branch"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("--base no-such-branch: no such file, and not a commit in this repository");
  });

  it("a file named like the base ref never stands in for the commit (origin/main)", () => {
    const { dir, inv } = repo();
    git(dir, "update-ref", "refs/remotes/origin/main", "HEAD");
    git(dir, "checkout", "-qb", "feature");
    addRisky(inv);
    // The pull request adds a copy of its own inventory under the base ref's name.
    mkdirSync(join(dir, "origin"));
    copyFileSync(inv, join(dir, "origin/main"));
    const plain = run(["gate", "infra/nhi.yaml", "--base", "origin/main", ...NOW], { cwd: dir });
    expect(plain.stdout).toBe("");
    expect(plain.stderr).toBe("error  --base origin/main: ambiguous: both a commit of this repository and a file; write --base git:origin/main or --base file:origin/main\n");
    expect(plain.code).toBe(2);
    const ref = run(["gate", "infra/nhi.yaml", "--base", "git:origin/main", "--format", "json", ...NOW], { cwd: dir });
    expect(ref.code).toBe(1);
    const doc = JSON.parse(ref.stdout);
    expect(doc.base).toEqual({ state: "present", given: "git:origin/main", label: "origin/main:infra/nhi.yaml" });
    expect(doc.new.map((f: { rule: string; subject: string }) => `${f.rule} ${f.subject}`)).toEqual(["NHI-SECRET-IN-CODE identity:export-key"]);
    // Asked for by name, the file is what the user meant.
    expect(run(["gate", "infra/nhi.yaml", "--base", "file:origin/main", ...NOW], { cwd: dir }).code).toBe(0);
  });

  it("a file named after the base commit's sha never stands in for the commit", () => {
    const { dir, inv } = repo();
    const sha = git(dir, "rev-parse", "HEAD").trim();
    addRisky(inv);
    copyFileSync(inv, join(dir, sha));
    for (const given of [sha, sha.slice(0, 12)]) {
      if (given !== sha) copyFileSync(inv, join(dir, given));
      const plain = run(["gate", "infra/nhi.yaml", "--base", given, ...NOW], { cwd: dir });
      expect(plain.code).toBe(2);
      expect(plain.stderr).toContain(`--base ${given}: ambiguous: both a commit of this repository and a file; write --base git:${given} or --base file:${given}`);
      expect(plain.stdout).toBe("");
      const ref = run(["gate", "infra/nhi.yaml", "--base", `git:${given}`, ...NOW], { cwd: dir });
      expect(ref.code).toBe(1);
      expect(ref.stdout.split("\n")[0]).toBe("GATE FAILED  1 new finding at or above high");
    }
  });

  it("git: and file: say which one is meant, and each fails clearly when it is not there", () => {
    const { dir, inv } = repo();
    copyFileSync(inv, join(dir, "base.yaml"));
    // Not a commit: an unprefixed file still works, as the SPEC promises.
    expect(run(["gate", inv, "--base", "base.yaml", ...NOW], { cwd: dir }).code).toBe(0);
    const notRef = run(["gate", inv, "--base", "git:base.yaml"], { cwd: dir });
    expect(notRef.code).toBe(2);
    expect(notRef.stderr).toContain("--base git:base.yaml: not a commit in this repository");
    const notFile = run(["gate", inv, "--base", "file:HEAD"], { cwd: dir });
    expect(notFile.code).toBe(2);
    expect(notFile.stderr).toBe("error  --base file:HEAD: no such file\n");
    for (const empty of ["git:", "file:", "git:--output=x"]) {
      const r = run(["gate", inv, "--base", empty], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error {2}--base \S+: expected a (git ref|file) after (git|file):\n$/);
    }
    const stdin = run(["gate", "-", "--base", "git:HEAD"], { cwd: dir, input: readFileSync(inv, "utf8") });
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toContain("--base git:HEAD: a git ref needs the head inventory as a file in a repository, not stdin");
  });

  it("outside a repository a base that is not a file is exit 2", () => {
    const dir = tempDir();
    copyFileSync(join(ROOT, "fixtures/gate/head.yaml"), join(dir, "nhi.yaml"));
    const r = run(["gate", "nhi.yaml", "--base", "main"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--base main: no such file, and .* is not inside a git repository/);
  });

  it("an invalid base is judged as everything new, with a warning, never as a pass", () => {
    const { dir, inv } = repo();
    writeFileSync(inv, "apiVersion: nhi-triage/v1\nkind: Inventory\nidentities: oops\n");
    git(dir, "commit", "-qam", "break it");
    copyFileSync(join(ROOT, "fixtures/gate/base.yaml"), inv);
    const r = run(["gate", inv, "--base", "HEAD", "--format", "json", ...NOW], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).base).toEqual({ state: "invalid", given: "HEAD", label: "HEAD:infra/nhi.yaml" });
    expect(r.stderr).toMatch(/HEAD:infra\/nhi\.yaml:3:\d+ {2}warning {2}the base inventory is invalid/);
  });

  it("an invalid waivers file is exit 2 naming file, line and column", () => {
    const { dir, inv } = repo();
    const w = waivers(dir, waiver("NHI-STATIC-SECRETS", "identity:legacy-billing-key", "2027-01-31") + waiver("NHI-NO-OWNER", "svc-deploy", "2027-13-01"));
    const r = run(["gate", inv, "--waivers", w], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/waivers\.yaml:4:11 {2}error {2}unknown rule "NHI-STATIC-SECRETS"; did you mean "NHI-STATIC-SECRET"\?/);
    expect(r.stderr).toMatch(/waivers\.yaml:10:14 {2}error {2}subject "svc-deploy" can never match/);
    expect(r.stderr).toMatch(/waivers\.yaml:13:14 {2}error {2}waivers\[1\]\.expires: expected a real calendar date/);
  });

  it("without --base every finding is new; --fail-on critical only fails on critical ones", () => {
    const r = run(["gate", "fixtures/gate/base.yaml", "--format", "json", ...NOW]);
    const doc = JSON.parse(r.stdout);
    expect(doc.base).toBeNull();
    expect(doc.existing).toEqual([]);
    expect(r.code).toBe(doc.new.some((f: { severity: string }) => ["high", "critical"].includes(f.severity)) ? 1 : 0);
    expect(run(["gate", "fixtures/gate/base.yaml", "--fail-on", "critical", ...NOW]).code).toBe(0);
  });

  it("--output writes the report and refuses to overwrite an input", () => {
    const dir = tempDir();
    const out = join(dir, "gate.json");
    const r = run(["gate", "fixtures/gate/head.yaml", "--base", "fixtures/gate/base.yaml", "--format", "json", "--output", out, ...NOW]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(JSON.parse(readFileSync(out, "utf8")).kind).toBe("GateResult");
    const self = run(["gate", "fixtures/gate/head.yaml", "--waivers", "fixtures/gate/waivers.yaml", "--output", "fixtures/gate/waivers.yaml"]);
    expect(self.code).toBe(2);
    expect(self.stderr).toContain("refusing to overwrite");
  });

  it("the same rule pack named twice (or the built-in one) loads once", () => {
    const r = run(["gate", "fixtures/gate/head.yaml", "--rules", "rules", "--rules", "fixtures/rule-pack", "--rules", "fixtures/rule-pack/", ...NOW]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
  });

  it("--max-input sets the size limit, with a message that names the flag", () => {
    const big = join(tempDir(), "big.yaml");
    const entry = "  - { id: x, kind: bot, owner: t }\n";
    writeFileSync(big, `apiVersion: nhi-triage/v1\nkind: Inventory\nidentities:\n${Array.from({ length: 40_000 }, (_, i) => entry.replace("x", `x${i}`)).join("")}`);
    const small = run(["gate", big, "--max-input", "1"]);
    expect(small.code).toBe(2);
    expect(small.stderr).toMatch(/big\.yaml {2}error {2}file is 1\.\d MB; the limit is 1 MB \(raise it with --max-input <MB>\)/);
    expect(run(["gate", big, "--max-input", "2", ...NOW]).code).toBe(0);
    expect(run(["gate", "fixtures/gate/head.yaml", "--max-input", "-3"]).code).toBe(2);
    expect(run(["gate", "fixtures/gate/head.yaml", "--max-input", "1", ...NOW]).code).toBe(1);
  });

  it("same input, byte-identical output", () => {
    const args = ["gate", "fixtures/gate/head.yaml", "--base", "fixtures/gate/base.yaml", "--waivers", "fixtures/gate/waivers.yaml", "--format", "json", ...NOW];
    expect(run(args).stdout).toBe(run(args).stdout);
  });
});

const CI_PROD = `  - id: ci-prod
    kind: api-key
    owner: team-ci
    usedBy: [team-ci]
    environments: [prod]
    credential: { type: static-secret, maxAge: 30d, lastRotated: 2026-11-01, storage: ci-variable }
    privileges: [prod:deploy]
    lastUsed: 2026-11-22
`;
const config = (body: string) => `apiVersion: nhi-triage/v1\nkind: Config\n${body}`;
const commit = (dir: string, message: string) => {
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", message);
};
const failing = (doc: { new: Array<{ rule: string; fails: boolean }> }) => doc.new.filter((f) => f.fails).map((f) => f.rule);
const weakened = (doc: { new: Array<{ rule: string; subject: string }> }) => doc.new.filter((f) => f.rule === "GATE-CONFIG-WEAKENED").map((f) => f.subject);

describe("settings the pull request controls, with a git base (end to end)", () => {
  it("a config the pull request adds cannot turn a failing gate into a pass, in any format, --quiet or not", () => {
    const { dir, inv } = repo();
    git(dir, "checkout", "-qb", "feature");
    addRisky(inv);
    writeFileSync(join(dir, ".nhi-triage.yaml"), config('failOn: critical\nrules:\n  NHI-SECRET-IN-CODE: "off"\n'));
    const args = ["gate", "infra/nhi.yaml", "--base", "git:main", ...NOW];
    const json = run([...args, "--format", "json"], { cwd: dir });
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout);
    // The base commit's settings judge the change: the finding the config would hide still fails.
    expect(doc.failOn).toBe("high");
    expect(failing(doc)).toContain("NHI-SECRET-IN-CODE");
    expect(weakened(doc)).toEqual(["config:failOn", "config:rules/NHI-SECRET-IN-CODE"]);
    const failOn = doc.new.find((f: { subject: string }) => f.subject === "config:failOn");
    expect(failOn).toMatchObject({ file: ".nhi-triage.yaml", line: 3, column: 9, severity: "critical", fails: true, before: "high", after: "critical" });
    expect(failOn.evidence[0]).toMatch(/^failOn raised from high to critical by \S+\.nhi-triage\.yaml: new high findings would no longer fail the gate$/);
    expect(doc.new.find((f: { subject: string }) => f.subject === "config:rules/NHI-SECRET-IN-CODE")).toMatchObject({ line: 5, column: 3 });

    for (const format of ["text", "sarif", "junit", "github", "markdown"]) {
      const r = run([...args, "--quiet", "--format", format], { cwd: dir });
      expect(r.code, format).toBe(1);
      expect(r.stdout, format).toContain("GATE-CONFIG-WEAKENED");
    }
    const github = run([...args, "--format", "github"], { cwd: dir }).stdout;
    expect(github).toMatch(/^::error file=\.nhi-triage\.yaml,line=3,col=9,title=GATE-CONFIG-WEAKENED [^:]+::config%3AfailOn|^::error file=\.nhi-triage\.yaml,line=3,col=9,title=GATE-CONFIG-WEAKENED .*::config:failOn: failOn raised/m);
    expect(github).toMatch(/^::error file=\.nhi-triage\.yaml,line=5,col=3,title=GATE-CONFIG-WEAKENED .*::config:rules\/NHI-SECRET-IN-CODE: NHI-SECRET-IN-CODE \(critical\) turned off by /m);
    const sarif = JSON.parse(run([...args, "--format", "sarif"], { cwd: dir }).stdout);
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain("GATE-CONFIG-WEAKENED");
    expect(sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "GATE-CONFIG-WEAKENED").locations[0].physicalLocation.artifactLocation.uri).toBe(".nhi-triage.yaml");
  });

  it("a config already in the base commit governs as it is: nothing weakened, its notes placed on the head's lines", () => {
    const { dir, inv } = repo();
    writeFileSync(join(dir, ".nhi-triage.yaml"), config("failOn: critical\nrules:\n  NHI-HUMAN-USE: low\n"));
    commit(dir, "config");
    addRisky(inv);
    const json = run(["gate", "infra/nhi.yaml", "--base", "git:main", "--format", "json", ...NOW], { cwd: dir });
    const doc = JSON.parse(json.stdout);
    expect(weakened(doc)).toEqual([]);
    expect(doc.failOn).toBe("critical");
    expect(doc.configChanges).toEqual(["failOn critical by main:.nhi-triage.yaml (default high)", "NHI-HUMAN-USE severity medium → low by main:.nhi-triage.yaml"]);
    expect(json.code).toBe(1);
    const github = run(["gate", "infra/nhi.yaml", "--base", "git:main", "--format", "github", ...NOW], { cwd: dir }).stdout;
    expect(github).toContain("::warning file=.nhi-triage.yaml,line=3,col=9,title=nhi-triage project config::failOn critical by main:.nhi-triage.yaml (default high)\n");
    expect(github).toContain("::warning file=.nhi-triage.yaml,line=5,col=3,title=nhi-triage project config::NHI-HUMAN-USE severity medium → low by main:.nhi-triage.yaml\n");
    // Stricter settings in the head weaken nothing; they apply once merged, and a lowered bar is said even with --quiet.
    writeFileSync(join(dir, ".nhi-triage.yaml"), config("failOn: medium\nrules:\n  NHI-HUMAN-USE: critical\n"));
    const stricter = run(["--quiet", "gate", "infra/nhi.yaml", "--base", "git:main", "--format", "json", ...NOW], { cwd: dir });
    expect(weakened(JSON.parse(stricter.stdout))).toEqual([]);
    expect(stricter.stderr).toMatch(/^note: failOn medium by \S+\.nhi-triage\.yaml \(the base commit's is critical\): it applies once merged$/m);
    // An edit that weakens it is a finding, and so is deleting it.
    writeFileSync(join(dir, ".nhi-triage.yaml"), config("failOn: critical\nrules:\n  NHI-HUMAN-USE: info\n"));
    expect(weakened(JSON.parse(run(["gate", "infra/nhi.yaml", "--base", "git:main", "--format", "json", ...NOW], { cwd: dir }).stdout))).toEqual(["config:rules/NHI-HUMAN-USE"]);
    rmSync(join(dir, ".nhi-triage.yaml"));
    const gone = JSON.parse(run(["gate", "infra/nhi.yaml", "--base", "git:main", "--format", "json", ...NOW], { cwd: dir }).stdout);
    expect(weakened(gone)).toEqual([]);
    expect(gone.failOn).toBe("critical");
  });

  it("a rule pack in the repository is read from the base commit: lowered, emptied or dropped, the head's is a finding", () => {
    const { dir, inv } = repo();
    cpSync(join(ROOT, "fixtures/rule-pack"), join(dir, "packs/acme"), { recursive: true });
    writeFileSync(join(dir, ".nhi-triage.yaml"), config("rulePacks: [packs/acme]\n"));
    commit(dir, "pack");
    // Fails on the pack's own rule, at high, and nothing else.
    writeFileSync(inv, readFileSync(inv, "utf8").replace("workflows:\n", `${CI_PROD}workflows:\n`));
    const gate = (...more: string[]) => {
      const r = run(["gate", "infra/nhi.yaml", "--base", "git:main", "--format", "json", ...more, ...NOW], { cwd: dir });
      expect(r.stderr).toBe("");
      return { code: r.code, doc: JSON.parse(r.stdout) };
    };
    const before = gate();
    expect(before.code).toBe(1);
    expect(failing(before.doc)).toEqual(["ACME-CI-STATIC-PROD-TOKEN"]);
    expect(weakened(before.doc)).toEqual([]);

    const rules = join(dir, "packs/acme/rules/ci-forks.yaml");
    const original = readFileSync(rules, "utf8");
    writeFileSync(rules, original.replace(/(id: ACME-CI-STATIC-PROD-TOKEN[\s\S]*?severity: )high/, "$1low"));
    const lowered = gate();
    expect(lowered.code).toBe(1);
    expect(failing(lowered.doc)).toContain("ACME-CI-STATIC-PROD-TOKEN");
    expect(lowered.doc.new.find((f: { rule: string }) => f.rule === "GATE-CONFIG-WEAKENED")).toMatchObject({
      subject: "config:rules/ACME-CI-STATIC-PROD-TOKEN",
      file: "packs/acme/rules/ci-forks.yaml",
      evidence: ["ACME-CI-STATIC-PROD-TOKEN severity lowered from high to low in rule pack packs/acme"],
    });
    // The same folder named by --rules, a flag of the workflow, is still the pull request's content.
    const flagged = run(["--no-config", "gate", "infra/nhi.yaml", "--base", "git:main", "--rules", "packs/acme", "--format", "json", ...NOW], { cwd: dir });
    expect(flagged.code).toBe(1);
    expect(weakened(JSON.parse(flagged.stdout))).toEqual(["config:rules/ACME-CI-STATIC-PROD-TOKEN"]);

    writeFileSync(rules, original.slice(0, original.indexOf("  - id: ACME-CI-STATIC-PROD-TOKEN")));
    const emptied = gate();
    expect(emptied.code).toBe(1);
    expect(emptied.doc.new.find((f: { rule: string }) => f.rule === "GATE-CONFIG-WEAKENED").evidence).toEqual(["ACME-CI-STATIC-PROD-TOKEN (high) no longer defined in rule pack packs/acme"]);

    writeFileSync(rules, original);
    writeFileSync(join(dir, ".nhi-triage.yaml"), config("rulePacks: []\n"));
    const dropped = gate();
    expect(dropped.code).toBe(1);
    expect(weakened(dropped.doc)).toEqual(["config:rulePacks/packs/acme"]);
    expect(dropped.doc.new.find((f: { rule: string }) => f.rule === "GATE-CONFIG-WEAKENED")).toMatchObject({ file: ".nhi-triage.yaml", line: 3 });
    expect(failing(dropped.doc)).toContain("ACME-CI-STATIC-PROD-TOKEN");
  });

  it("a waivers file swapped by the config is a finding, and no waiver can accept a weakened gate", () => {
    const { dir, inv } = repo();
    writeFileSync(join(dir, "waivers.yaml"), "apiVersion: nhi-triage/v1\nkind: Waivers\nwaivers: []\n");
    writeFileSync(join(dir, ".nhi-triage.yaml"), config("waivers: waivers.yaml\n"));
    commit(dir, "waivers");
    addRisky(inv);
    writeFileSync(join(dir, "mine.yaml"), `apiVersion: nhi-triage/v1\nkind: Waivers\nwaivers:\n${waiver("NHI-SECRET-IN-CODE", "identity:export-key", "2027-01-31")}`);
    writeFileSync(join(dir, ".nhi-triage.yaml"), config("waivers: mine.yaml\n"));
    const r = run(["gate", "infra/nhi.yaml", "--base", "git:main", "--format", "json", ...NOW], { cwd: dir });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.waivers).toMatch(/(^|\/)waivers\.yaml$/);
    expect(failing(doc).sort()).toEqual(["GATE-CONFIG-WEAKENED", "NHI-SECRET-IN-CODE"]);
    expect(doc.new.find((f: { rule: string }) => f.rule === "GATE-CONFIG-WEAKENED")).toMatchObject({ subject: "config:waivers", evidence: [expect.stringMatching(/^waivers file swapped from waivers\.yaml to mine\.yaml by /)], line: 3 });

    writeFileSync(join(dir, ".nhi-triage.yaml"), config('waivers: waivers.yaml\nrules:\n  NHI-SECRET-IN-CODE: "off"\n'));
    waivers(dir, waiver("GATE-CONFIG-WEAKENED", `"*"`, "2027-01-31"));
    const waived = run(["gate", "infra/nhi.yaml", "--base", "git:main", ...NOW], { cwd: dir });
    expect(waived.code).toBe(2);
    expect(waived.stderr).toMatch(/waivers\.yaml:4:11 {2}error {2}GATE-CONFIG-WEAKENED cannot be waived: a pull request may not accept the weakening of the gate that judges it/);
  });

  it("a rule pack read from the base commit passes the same checks as one on disk, named by the commit, and leaves nothing behind", () => {
    const { dir } = repo();
    cpSync(join(ROOT, "fixtures/rule-pack"), join(dir, "packs/acme"), { recursive: true });
    writeFileSync(join(dir, ".nhi-triage.yaml"), config("rulePacks: [packs/acme]\n"));
    symlinkSync("/etc/passwd", join(dir, "packs/acme/rules/elsewhere.yaml"));
    writeFileSync(join(dir, "packs/acme/controls.yaml"), "controls: [\n");
    commit(dir, "a broken pack");
    // The head's own copy is fine: only the base commit's is judged broken.
    rmSync(join(dir, "packs/acme"), { recursive: true });
    cpSync(join(ROOT, "fixtures/rule-pack"), join(dir, "packs/acme"), { recursive: true });
    const copies = () => readdirSync(tmpdir()).filter((f) => f.startsWith("nhi-triage-base-"));
    const before = new Set(copies());
    const r = run(["gate", "infra/nhi.yaml", "--base", "git:main", ...NOW], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^main:packs\/acme\/controls\.yaml:\d+:\d+ {2}error {2}invalid YAML/m);
    expect(r.stderr).toMatch(/^main:packs\/acme\/rules\/elsewhere\.yaml:1:1 {2}error {2}a symbolic link to \/etc\/passwd, outside the rule pack main:packs\/acme: a pack may only read its own folder$/m);
    expect(r.stderr).not.toContain(tmpdir());
    expect(copies().filter((f) => !before.has(f))).toEqual([]);
  });

  it("--config naming a file in the repository is read from the base commit; what the base gets wrong is named by the commit", () => {
    const { dir, inv } = repo();
    writeFileSync(join(dir, "nhi.yaml"), config("failOn: high\nrules:\n  NHI-SECRET-IN-CODE: critical\n"));
    commit(dir, "config");
    addRisky(inv);
    writeFileSync(join(dir, "nhi.yaml"), config('failOn: high\nrules:\n  NHI-SECRET-IN-CODE: "off"\n'));
    const r = run(["gate", "infra/nhi.yaml", "--config", "nhi.yaml", "--base", "git:main", "--format", "json", ...NOW], { cwd: dir });
    expect(r.code).toBe(1);
    expect(weakened(JSON.parse(r.stdout))).toEqual(["config:rules/NHI-SECRET-IN-CODE"]);

    writeFileSync(join(dir, "nhi.yaml"), config("failOn: severe\n"));
    commit(dir, "break the config");
    const broken = run(["gate", "infra/nhi.yaml", "--config", "nhi.yaml", "--base", "git:HEAD", ...NOW], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/nhi\.yaml:3:9 {2}error {2}/);
    writeFileSync(join(dir, "nhi.yaml"), config("failOn: high\n"));
    const base = run(["gate", "infra/nhi.yaml", "--config", "nhi.yaml", "--base", "git:HEAD", ...NOW], { cwd: dir });
    expect(base.code).toBe(2);
    expect(base.stderr).toMatch(/^HEAD:nhi\.yaml:3:9 {2}error {2}failOn: expected one of/m);
    expect(base.stderr).not.toContain(tmpdir());
  });
});

describe("a large inventory's base, loaded on a worker thread (end to end)", () => {
  it("a file and a git ref as the base give the same report, with only the changed entries new", async () => {
    // @ts-expect-error -- the benchmark generator is plain JavaScript
    const { inventoryYaml } = (await import("../../bench/generate.mjs")) as { inventoryYaml: (n: number, seed: number, o: object) => string };
    const dir = tempDir("nhi-gate-big-");
    // Above the 4 MB at which the base goes to a worker.
    const head = inventoryYaml(12_000, 42, {});
    const base = inventoryYaml(12_000, 42, { base: true });
    expect(head.length).toBeGreaterThan(4 * 1024 * 1024);
    writeFileSync(join(dir, "inventory.yaml"), base);
    writeFileSync(join(dir, "base.yaml"), base);
    git(dir, "init", "-q", "-b", "main");
    git(dir, "add", "inventory.yaml");
    git(dir, "commit", "-qm", "base");
    writeFileSync(join(dir, "inventory.yaml"), head);
    const fromFile = run(["--no-config", "gate", "inventory.yaml", "--base", "base.yaml", "--format", "json", ...NOW], { cwd: dir });
    const fromGit = run(["--no-config", "gate", "inventory.yaml", "--base", "HEAD", "--format", "json", ...NOW], { cwd: dir });
    expect(fromFile.stderr).toBe("");
    expect(fromGit.stderr).toBe("");
    const a = JSON.parse(fromFile.stdout);
    const b = JSON.parse(fromGit.stdout);
    expect(a.base.state).toBe("present");
    expect(a.existing.length).toBeGreaterThan(1000);
    // The generator's base differs in about one entry in a hundred.
    expect(a.new.length + a.resolved.length).toBeGreaterThan(0);
    expect(a.new.length + a.resolved.length).toBeLessThan(a.existing.length / 20);
    expect({ ...b, base: undefined }).toEqual({ ...a, base: undefined });
    expect(fromFile.code).toBe(a.passed ? 0 : 1);
  }, 60_000);
});

describe("the commands the docs show", () => {
  it.each(["analyze", "gate", "interview"])("%s: use only options the command has", (command) => {
    const help = run([command, "--help"]).stdout + run(["--help"]).stdout;
    const docs = ["README.md", "docs/github-action.md"].map((f) => readFileSync(join(ROOT, f), "utf8")).join("\n");
    const lines = docs.split("\n").filter((l) => l.includes(`nhi-triage ${command} `));
    expect(lines.length).toBeGreaterThan(1);
    // Only the nhi-triage part of a line: `gh issue list --label … > t.json && nhi-triage analyze t.json`.
    const flags = new Set(lines.flatMap((l) => l.slice(l.indexOf(`nhi-triage ${command} `)).match(/--[a-z][a-z-]+/g) ?? []));
    expect([...flags].filter((f) => !help.includes(f))).toEqual([]);
  });

  it("the README's example runs and fails the gate on the example change", () => {
    const r = run(["gate", "fixtures/gate/head.yaml", "--base", "fixtures/gate/base.yaml", "--waivers", "fixtures/gate/waivers.yaml", ...NOW]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^GATE FAILED {2}\d+ new findings at or above high\n/);
    expect(r.stdout).toMatch(/\d+ new · 3 existing · 1 resolved · 2 waived/);
  });
});

describe("output into a closed pipe", () => {
  it("ends quietly when the reader stops early (| head)", () => {
    const cli = join(ROOT, "bin/nhi-triage");
    const r = spawnSync("sh", ["-c", `"${process.execPath}" "${cli}" gate fixtures/gate/head.yaml --format sarif --now 2026-11-23 | head -c 10 >/dev/null`], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(r.stderr).toBe("");
  });
});
