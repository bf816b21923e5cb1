import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers.js";
import { run } from "./run.js";

const NOW = ["--now", "2026-11-23"];

describe("--help", () => {
  it.each(["analyze", "interview", "gate", "schema", "init", "rules", "rules list", "rules show", "rules test", "refs"])("of %s shows an example", (command) => {
    const r = run([...command.split(" "), "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nExamples?:\n {2}nhi-triage \S+/);
  });
  it("a command group without its subcommand is bad usage", () => {
    const r = run(["rules"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/list/);
  });
});

describe("nhi-triage schema (end to end)", () => {
  it("prints the committed JSON Schema of each kind", () => {
    for (const name of ["inventory", "incident", "rules", "waivers"]) {
      const r = run(["schema", name]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("");
      expect(r.stdout).toBe(readFileSync(join(ROOT, "schema", `${name}.schema.json`), "utf8"));
      expect(JSON.parse(r.stdout).$id).toMatch(new RegExp(`/schema/${name}\\.schema\\.json$`));
    }
  });
  it("an unknown kind is bad usage", () => {
    const r = run(["schema", "inventry"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/inventry/);
    expect(r.stdout).toBe("");
  });
});

describe("nhi-triage init (end to end)", () => {
  it("writes a starter project the gate checks and analyze accepts, and never overwrites", () => {
    const dir = tempDir();
    const r = run(["init", dir]);
    expect(r.code).toBe(0);
    const files = [".nhi-triage.yaml", "nhi-inventory.yaml", "nhi-waivers.yaml", "incidents/example-incident.yaml"];
    for (const f of files) {
      expect(r.stdout).toContain(`wrote ${join(dir, f)}`);
      expect(readFileSync(join(dir, f), "utf8")).toMatch(/^# yaml-language-server: \$schema=https:\/\/\S+\.schema\.json\n/);
    }
    // The starter's agent acts as the deploy identity, and its API key does not say when it was rotated.
    const gate = run(["gate", "--format", "json", ...NOW], { cwd: dir });
    expect(gate.stderr).toBe("");
    expect(gate.code).toBe(1);
    const found = JSON.parse(gate.stdout).new.map((f: { rule: string; subject: string; unknown?: string[] }) => `${f.rule} ${f.subject}${f.unknown ? " (unknown)" : ""}`);
    expect(found).toContain("NHI-AGENT-SHARES-WORKFLOW-IDENTITY agent:support-agent");
    expect(found).toContain("NHI-STATIC-SECRET identity:key-payments-api (unknown)");
    const fails = JSON.parse(gate.stdout).new.filter((f: { fails: boolean }) => f.fails);
    expect(fails.map((f: { rule: string; line: number }) => `${f.rule} line ${f.line}`)).toEqual(["NHI-AGENT-SHARES-WORKFLOW-IDENTITY line 42"]);
    const analyze = run(["analyze", "incidents/example-incident.yaml", "--format", "json", ...NOW], { cwd: dir });
    expect(analyze.code).toBe(0);
    expect(JSON.parse(analyze.stdout).decision).toBe("orchestration-first");

    writeFileSync(join(dir, "nhi-waivers.yaml"), "# mine\n");
    const again = run(["init", dir]);
    expect(again.code).toBe(0);
    for (const f of files) expect(again.stdout).toContain(`kept  ${join(dir, f)} (it exists; not overwritten)`);
    expect(readFileSync(join(dir, "nhi-waivers.yaml"), "utf8")).toBe("# mine\n");
  });
});

describe("nhi-triage init where it cannot write", () => {
  it("DIR a dangling symbolic link: one line naming it, exit 2, nothing written", () => {
    const top = tempDir();
    const dir = join(top, "project");
    symlinkSync(join(top, "nowhere"), dir);
    const r = run(["init", dir]);
    expect(r.stderr).toBe(`error  cannot write ${dir}: it is a symbolic link to ${join(top, "nowhere")}, which does not exist\n`);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(readdirSync(top)).toEqual(["project"]);
  });

  it("a starter file's name a dangling symbolic link: refused before anything is written, the link left alone", () => {
    const dir = tempDir();
    symlinkSync("elsewhere.yaml", join(dir, "nhi-inventory.yaml"));
    const r = run(["init", dir]);
    expect(r.stderr).toBe(`error  cannot write ${join(dir, "nhi-inventory.yaml")}: it is a symbolic link to elsewhere.yaml, which does not exist\n`);
    expect(r.code).toBe(2);
    expect(readdirSync(dir)).toEqual(["nhi-inventory.yaml"]);
    expect(lstatSync(join(dir, "nhi-inventory.yaml")).isSymbolicLink()).toBe(true);
  });

  it("DIR, or a folder init makes in it, already a file: one line naming it, exit 2", () => {
    const top = tempDir();
    writeFileSync(join(top, "afile"), "mine\n");
    const r = run(["init", join(top, "afile")]);
    expect(r.stderr).toBe(`error  cannot write ${join(top, "afile")}: it is a file, not a folder\n`);
    expect(r.code).toBe(2);
    const deeper = run(["init", join(top, "afile", "project")]);
    expect(deeper.stderr).toBe(`error  cannot write ${join(top, "afile")}: it is a file, not a folder\n`);
    expect(deeper.code).toBe(2);
    const dir = join(top, "p");
    mkdirSync(dir);
    writeFileSync(join(dir, "incidents"), "mine\n");
    const inside = run(["init", dir]);
    expect(inside.stderr).toBe(`error  cannot write ${join(dir, "incidents")}: it is a file, not a folder\n`);
    expect(inside.code).toBe(2);
    expect(readdirSync(dir)).toEqual(["incidents"]);
    expect(readFileSync(join(top, "afile"), "utf8")).toBe("mine\n");
  });
});

describe("project config .nhi-triage.yaml (end to end)", () => {
  function project(config: string): { dir: string; sub: string } {
    const dir = tempDir();
    copyFileSync(join(ROOT, "fixtures/gate/head.yaml"), join(dir, "inventory.yaml"));
    copyFileSync(join(ROOT, "fixtures/gate/waivers.yaml"), join(dir, "waivers.yaml"));
    writeFileSync(join(dir, ".nhi-triage.yaml"), `apiVersion: nhi-triage/v1\nkind: Config\n${config}`);
    const sub = join(dir, "deep", "er");
    mkdirSync(sub, { recursive: true });
    return { dir, sub };
  }

  it("is found upward; its inventory, waivers and overrides apply, and every change is listed", () => {
    const { sub } = project("inventory: inventory.yaml\nwaivers: waivers.yaml\nrules:\n  NHI-SECRET-IN-CODE: low\n  NHI-UNSAFE-RETRY: off\n");
    const r = run(["gate", "--format", "json", ...NOW], { cwd: sub });
    const doc = JSON.parse(r.stdout);
    expect(doc.configChanges).toEqual([
      expect.stringMatching(/^NHI-SECRET-IN-CODE severity critical → low by .*\.nhi-triage\.yaml$/),
      expect.stringMatching(/^NHI-UNSAFE-RETRY turned off by .*\.nhi-triage\.yaml$/),
    ]);
    expect(doc.new.find((f: { rule: string }) => f.rule === "NHI-SECRET-IN-CODE").severity).toBe("low");
    expect(doc.new.some((f: { rule: string }) => f.rule === "NHI-UNSAFE-RETRY")).toBe(false);
    expect(doc.waived).toHaveLength(2);
    expect(r.stderr).toMatch(/note: NHI-SECRET-IN-CODE severity critical → low/);
    const text = run(["gate", ...NOW], { cwd: sub });
    expect(text.stdout).toMatch(/\nProject config\n {2}NHI-SECRET-IN-CODE severity critical → low/);
  });

  it("is never looked for above the repository's root: a config in a folder that holds a checkout does not govern it", () => {
    // Would turn the gate's only failing finding into a pass, were it the project's.
    const { dir } = project("failOn: critical\nrules:\n  NHI-SECRET-IN-CODE: \"off\"\n");
    const checkout = join(dir, "checkout");
    mkdirSync(join(checkout, "infra"), { recursive: true });
    copyFileSync(join(ROOT, "fixtures/gate/head.yaml"), join(checkout, "infra/nhi.yaml"));
    const init = spawnSync("git", ["init", "-q", checkout]);
    expect(init.status).toBe(0);
    for (const cwd of [checkout, join(checkout, "infra")]) {
      const r = run(["gate", join(checkout, "infra/nhi.yaml"), "--format", "json", ...NOW], { cwd });
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout)).toMatchObject({ failOn: "high", configChanges: [] });
    }
    // A worktree or a submodule marks its root with a .git file.
    rmSync(join(checkout, ".git"), { recursive: true });
    writeFileSync(join(checkout, ".git"), "gitdir: /elsewhere\n");
    expect(run(["gate", "infra/nhi.yaml", ...NOW], { cwd: checkout }).code).toBe(1);
    // Outside any repository the search goes on upward, as before.
    rmSync(join(checkout, ".git"));
    expect(run(["gate", "infra/nhi.yaml", ...NOW], { cwd: checkout }).code).toBe(0);
  });

  it("a failOn it sets is always reported, --quiet or not; the github format annotates every change on its line", () => {
    const { dir } = project("inventory: inventory.yaml\nfailOn: critical\nrules:\n  NHI-HUMAN-USE: \"off\"\n");
    const note = /^note: failOn critical by \S*\.nhi-triage\.yaml \(default high\)$/m;
    for (const format of ["json", "sarif", "junit", "github", "markdown"]) {
      const quiet = run(["--quiet", "gate", "--format", format, ...NOW], { cwd: dir });
      expect(quiet.stderr, format).toMatch(note);
      expect(quiet.stderr, format).not.toMatch(/NHI-HUMAN-USE/);
      expect(run(["gate", "--format", format, ...NOW], { cwd: dir }).stderr, format).toMatch(/^note: NHI-HUMAN-USE turned off by /m);
    }
    expect(run(["gate", ...NOW], { cwd: dir }).stdout).toMatch(/\nProject config\n {2}failOn critical by \S+ \(default high\)\n {2}NHI-HUMAN-USE turned off by /);
    const github = run(["gate", "--format", "github", ...NOW], { cwd: dir }).stdout.split("\n");
    expect(github).toContainEqual(expect.stringMatching(/^::warning file=\.nhi-triage\.yaml,line=4,col=9,title=nhi-triage project config::failOn critical by \S+\.nhi-triage\.yaml \(default high\)$/));
    expect(github).toContainEqual(expect.stringMatching(/^::warning file=\.nhi-triage\.yaml,line=6,col=3,title=nhi-triage project config::NHI-HUMAN-USE turned off by /));
    // A flag wins, so the config's failOn changes nothing and is not reported.
    expect(run(["gate", "--fail-on", "high", "--format", "json", ...NOW], { cwd: dir }).stderr).not.toMatch(/failOn/);
  });

  it("command-line flags win over it, and --no-config ignores it", () => {
    const { dir } = project("inventory: inventory.yaml\nfailOn: critical\nrules:\n  NHI-SECRET-IN-CODE: low\n");
    expect(run(["gate", ...NOW], { cwd: dir }).code).toBe(0);
    expect(run(["gate", "--fail-on", "low", ...NOW], { cwd: dir }).code).toBe(1);
    const other = join(ROOT, "fixtures/gate/base.yaml");
    expect(JSON.parse(run(["gate", other, "--format", "json", ...NOW], { cwd: dir }).stdout).inventory).toBe(other);
    const none = run(["gate", "--no-config", ...NOW], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/gate needs an inventory/);
  });

  it("--config names the file; an unknown rule in it is exit 2 with file:line:column", () => {
    const { dir } = project("rules:\n  NHI-STATIC-SECRETS: off\n");
    const r = run(["gate", "fixtures/gate/head.yaml", "--config", join(dir, ".nhi-triage.yaml"), ...NOW]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.nhi-triage\.yaml:4:3 {2}error {2}unknown rule "NHI-STATIC-SECRETS"; did you mean "NHI-STATIC-SECRET"\?/);
    const bad = project("failOn: severe\n");
    const r2 = run(["analyze", join(ROOT, "fixtures/incidents/inc-01-retry-replays-migration.yaml")], { cwd: bad.dir });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/\.nhi-triage\.yaml:3:9 {2}error/);
    expect(existsSync(join(dir, ".nhi-triage.yaml"))).toBe(true);
  });

  it("a rulePacks entry that is not a pack is pointed at in the config; the same folder given with --rules is a usage error", () => {
    const { dir } = project("inventory: inventory.yaml\nrulePacks:\n  - deep\n");
    const r = run(["gate", ...NOW], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.nhi-triage\.yaml:5:5 {2}error {2}rulePacks\[0\]: "deep" \(\S+deep, relative to the config's folder\) is not a rule pack \(expected symptoms\.yaml/);
    const flag = run(["gate", "--rules", join(dir, "deep"), ...NOW], { cwd: dir });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^error {2}\S+deep: not a rule pack/m);
  });
});
