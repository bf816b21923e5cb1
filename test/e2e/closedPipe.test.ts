import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers.js";
import { run } from "./run.js";

const NOW = ["--now", "2026-11-23"];

/** An inventory whose report is megabytes: far more than a pipe holds, so the CLI is still writing when the reader leaves. */
function bigInventory(dir: string, storage = "source-code"): string {
  let text = "apiVersion: nhi-triage/v1\nkind: Inventory\nidentities:\n";
  for (let i = 0; i < 1500; i++) {
    text += `  - id: svc-${i}\n    kind: service-account\n    privileges: [prod:admin]\n    credential: { type: static-secret, storage: ${storage} }\n`;
  }
  const file = join(dir, "big.yaml");
  writeFileSync(file, text);
  return file;
}

/** A folder of copies of one incident (each with its own id): a batch whose report is megabytes. */
function bigBatch(dir: string): string {
  const template = readFileSync(join(ROOT, "fixtures/incidents/inc-01-retry-replays-migration.yaml"), "utf8");
  for (let i = 0; i < 200; i++) writeFileSync(join(dir, `inc-${String(i).padStart(4, "0")}.yaml`), template.replace("INC-2026-001", `INC-${i}`));
  return dir;
}

/**
 * `set -o pipefail; nhi-triage … | head -1`, as GitHub's `shell: bash` runs a step: the
 * CLI's exit status (PIPESTATUS[0]), what the reader printed, and the CLI's stderr.
 */
function throughHead(args: string[], cwd: string, reader = "head -1", stderr = '2>"$ERR"'): { status: number; head: string; stderr: string } {
  // Outside cwd: a folder scan reads .txt files as tickets, and this one is analysed.
  const err = join(tempDir("nhi-pipe-err-"), "stderr.txt");
  writeFileSync(err, "");
  const r = spawnSync("bash", ["-c", `set -o pipefail; "$@" ${stderr} | ${reader}; echo "status=\${PIPESTATUS[0]}"`, "bash", process.execPath, `${ROOT}bin/nhi-triage`, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ERR: err },
    timeout: 60_000,
  });
  const lines = r.stdout.trimEnd().split("\n");
  const status = /^status=(\d+)$/.exec(lines.at(-1)!);
  if (!status) throw new Error(`no status from bash: ${r.stdout} ${r.stderr}`);
  return { status: Number(status[1]), head: lines.slice(0, -1).join("\n"), stderr: readFileSync(err, "utf8") };
}

/**
 * The run alone (its exit code, and a report megabytes long: the CLI is mid-write when
 * head exits), then through `| head -1`: the same exit code, and no message.
 */
function expectSameCode(args: string[], dir: string, code: number): string {
  const alone = run(args, { cwd: dir });
  expect(alone.code).toBe(code);
  expect(alone.stdout.length).toBeGreaterThan(1_000_000);
  const r = throughHead(args, dir);
  expect(r.status).toBe(code);
  expect(r.stderr).toBe(code === 2 ? alone.stderr : "");
  return r.head;
}

describe.skipIf(process.platform === "win32")("stdout closed early by the reader (| head -1 under pipefail)", () => {
  it.each([
    ["text", [], /^GATE FAILED/],
    ["json", ["--format", "json"], /^\{$/],
  ])("gate, %s: a failing gate still exits 1", (_name, format, first) => {
    const dir = tempDir("nhi-pipe-");
    bigInventory(dir);
    expect(expectSameCode(["gate", "big.yaml", ...NOW, ...format], dir, 1)).toMatch(first);
  });

  it("gate, github: its output is a few lines, so a reader that reads nothing (| true) closes the pipe before the first write; still exit 1", () => {
    const dir = tempDir("nhi-pipe-");
    bigInventory(dir);
    const args = ["gate", "big.yaml", ...NOW, "--format", "github"];
    const alone = run(args, { cwd: dir });
    expect(alone.code).toBe(1);
    expect(alone.stdout).toMatch(/^::error file=big\.yaml/);
    expect(alone.stdout.trimEnd().split("\n").length).toBeLessThanOrEqual(21);
    const r = throughHead(args, dir, "true");
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("");
    expect(throughHead(args, dir).status).toBe(1);
  });

  it("a passing gate still exits 0", () => {
    const dir = tempDir("nhi-pipe-");
    // Static secrets in a vault: high findings, none critical.
    bigInventory(dir, "vault");
    expectSameCode(["gate", "big.yaml", ...NOW, "--fail-on", "critical", "--format", "json"], dir, 0);
  });

  it("analyze --fail-on high: findings at or above the bar still exit 1", () => {
    const dir = bigBatch(tempDir("nhi-pipe-"));
    expectSameCode(["analyze", ".", "--inventory", join(ROOT, "fixtures/inventory.yaml"), "--fail-on", "high", ...NOW], dir, 1);
  });

  it("analyze with an unreadable file among many still exits 2, and still says why", () => {
    const dir = bigBatch(tempDir("nhi-pipe-"));
    writeFileSync(join(dir, "zz-broken.yaml"), "apiVersion: nhi-triage/v1\nkind: Incident\nid: [\n");
    expectSameCode(["analyze", ".", "--inventory", join(ROOT, "fixtures/inventory.yaml"), ...NOW], dir, 2);
  });

  it("interview --save, its reader gone before the triage is printed: the incident is saved and the exit code says so", () => {
    const dir = tempDir("nhi-pipe-");
    const saved = join(dir, "incident.yaml");
    const answers = join(ROOT, "fixtures/answers/incidents/inc-01-retry-replays-migration.yaml");
    // `true` reads nothing and exits at once: the first write finds the pipe closed.
    const r = throughHead(["interview", "--answers", answers, "--inventory", join(ROOT, "fixtures/inventory.yaml"), "--save", saved, ...NOW], dir, "true");
    expect(r.status).toBe(0);
    expect(readFileSync(saved, "utf8")).toContain("kind: Incident");
  });

  it("stderr into the same closed pipe (2>&1 | true): the exit code is still the result's", () => {
    const dir = tempDir("nhi-pipe-");
    const missing = throughHead(["analyze", "no-such-incident.yaml", ...NOW], dir, "true", "2>&1");
    expect(missing.status).toBe(2);
    // A stale waiver: a warning on stderr, and a gate that passes.
    const waivers = join(dir, "waivers.yaml");
    writeFileSync(waivers, "apiVersion: nhi-triage/v1\nkind: Waivers\nwaivers:\n  - rule: NHI-HUMAN-USE\n    subject: identity:nobody\n    reason: test\n    owner: team-data\n    expires: 2027-01-31\n");
    const base = join(ROOT, "fixtures/gate/base.yaml");
    const args = ["gate", base, "--base", base, "--waivers", waivers, ...NOW];
    const alone = run(args, { cwd: dir });
    expect(alone.code).toBe(0);
    expect(alone.stderr).toContain("stale waiver");
    expect(throughHead(args, dir, "true", "2>&1").status).toBe(0);
  });
});
