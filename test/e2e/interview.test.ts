import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers.js";
import { fixtureIncidents } from "../tools/fixtureIncidents.js";
import { run } from "./run.js";

const exec = promisify(execFile);
type Triage = { decision: string; confidence: number; scores: unknown; contain: unknown[]; plan: Array<{ control: string }> };
const NOW = ["--now", "2026-11-23"];

async function cli(args: string[]): Promise<{ stdout: string; code: number }> {
  try {
    const r = await exec(process.execPath, [join(ROOT, "bin/nhi-triage"), ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 1 << 26 });
    return { stdout: r.stdout, code: 0 };
  } catch (e) {
    const err = e as { stdout: string; code: number };
    return { stdout: err.stdout, code: err.code };
  }
}

/** Runs at most `n` at a time: each run is a separate node process. */
async function limited<T>(items: readonly T[], n: number, f: (x: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: n }, async () => {
    for (let x = queue.shift(); x !== undefined; x = queue.shift()) await f(x);
  }));
}

describe("nhi-triage interview --answers (end to end)", () => {
  it("every fixture incident's saved answers reach the same triage as analyze on the incident file", async () => {
    const cases = fixtureIncidents();
    // analyze reads each folder in one run; interview replays each answers file in its own.
    const analyzed = new Map<string, Triage>();
    await limited([...new Set(cases.map((c) => `${c.inventory ?? ""}|${c.incident.replace(/\/[^/]+$/, "")}`))], 2, async (key) => {
      const [inventory, dir] = key.split("|") as [string, string];
      const files = cases.filter((c) => c.incident.startsWith(`${dir}/`)).map((c) => c.incident);
      const r = await cli(["analyze", ...files, ...(inventory ? ["--inventory", inventory] : []), "--format", "ndjson", ...NOW]);
      r.stdout.trim().split("\n").forEach((line, k) => analyzed.set(files[k]!, JSON.parse(line)));
    });
    const mismatches: string[] = [];
    await limited(cases, 2, async (c) => {
      const inv = c.inventory ? ["--inventory", c.inventory] : [];
      const i = await cli(["interview", "--answers", c.answers, ...inv, "--format", "json", ...NOW]);
      const x = analyzed.get(c.incident)!;
      const y = JSON.parse(i.stdout);
      const key = (d: Triage) =>
        JSON.stringify([d.decision, d.confidence, d.scores, d.contain.length, d.plan.map((p) => p.control)]);
      if (i.code !== 0 || key(x) !== key(y)) mismatches.push(`${c.incident}: analyze ${key(x)} vs interview ${key(y)} (exit ${i.code})`);
    });
    expect(mismatches).toEqual([]);
  }, 120_000);

  it("--save writes an Incident that analyze reads back to the same result", () => {
    const dir = tempDir();
    const saved = join(dir, "incident.yaml");
    const answers = "fixtures/answers/incidents/inc-09-support-agent-tool-chaining.yaml";
    const r = run(["interview", "--answers", answers, "--inventory", "fixtures/inventory.yaml", "--save", saved, "--format", "json", ...NOW]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`saved the incident to ${saved}\n`);
    expect(readFileSync(saved, "utf8")).toMatch(/^# yaml-language-server: \$schema=https:\/\/\S+\/incident\.schema\.json\n# Written by nhi-triage interview[\s\S]*\napiVersion: nhi-triage\/v1\nkind: Incident\nid: INC-2026-009\n/);
    const back = run(["analyze", saved, "--inventory", "fixtures/inventory.yaml", "--format", "json", ...NOW]);
    expect(back.code).toBe(0);
    expect(back.stdout).toBe(r.stdout);
    // Never over an existing file without asking; with --answers there is nobody to ask.
    writeFileSync(saved, "keep me\n");
    const again = run(["interview", "--answers", answers, "--inventory", "fixtures/inventory.yaml", "--save", saved, ...NOW]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("refusing to overwrite");
    expect(readFileSync(saved, "utf8")).toBe("keep me\n");
  });

  it("an answer that does not fit a question is exit 2 with file:line:column", () => {
    const dir = tempDir();
    const file = join(dir, "answers.yaml");
    writeFileSync(file, "apiVersion: nhi-triage/v1\nkind: Answers\nanswers:\n  seen: [jobs, cats]\n  jobz: [retried]\n  title: t\n  incident-id: X-1\n");
    const r = run(["interview", "--answers", file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/answers\.yaml:4:9 {2}error {2}"cats" is not a choice of "seen"/);
    expect(r.stderr).toMatch(/answers\.yaml:5:3 {2}error {2}unknown question "jobz"; did you mean "jobs"\?/);
    writeFileSync(file, "apiVersion: nhi-triage/v1\nkind: Answers\nanswers:\n  seen: [jobs]\n  agent: [chaining]\n  title: t\n");
    const r2 = run(["interview", "--answers", file]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/answers\.yaml:5:3 {2}error {2}question "agent" does not apply to the other answers/);
    expect(r2.stderr).toMatch(/error {2}missing an answer to "incident-id"/);
    writeFileSync(file, "apiVersion: nhi-triage/v1\nkind: Answers\nanswers:\n  seen: [jobs]\n  identities: [svc-deploy]\n  title: t\n  incident-id: X-1\n");
    expect(run(["interview", "--answers", file]).stderr).toMatch(/question "identities" picks from the inventory: give --inventory/);
  });

  it("without a terminal and without --answers it says how to use --answers or analyze", () => {
    const r = run(["interview"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/--answers/);
    expect(r.stderr).toMatch(/nhi-triage analyze/);
  });

  it("refuses a --save target it could not write before asking anything", () => {
    const r = run(["interview", "--answers", "fixtures/answers/incidents/inc-01-retry-replays-migration.yaml", "--inventory", "fixtures/inventory.yaml", "--save", "fixtures/inventory.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is one of the input files");
    const missing = run(["interview", "--answers", "fixtures/answers/incidents/inc-01-retry-replays-migration.yaml", "--inventory", "fixtures/inventory.yaml", "--save", "no/such/dir/x.yaml"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("the folder no/such/dir does not exist");
    expect(missing.stdout).toBe("");
  });

  it("nothing is saved when the run fails", () => {
    const dir = tempDir();
    const saved = join(dir, "out.yaml");
    const r = run(["interview", "--answers", "fixtures/answers/incidents/inc-01-retry-replays-migration.yaml", "--save", saved]);
    expect(r.code).toBe(2);
    expect(existsSync(saved)).toBe(false);
  });
});
