import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers.js";

const NOW = ["--now", "2026-11-23"];
const INV = ["--inventory", "fixtures/inventory.yaml"];
const ONE = "fixtures/incidents/inc-01-retry-replays-migration.yaml";
const ANSWERS = "fixtures/answers/incidents/inc-01-retry-replays-migration.yaml";
const FULL = "error  cannot write to stdout: no space left on the device\n";

/** `nhi-triage … >/dev/full`: every write to stdout fails with ENOSPC, as on a full disk. */
function toFullDisk(args: string[], stream: "stdout" | "stderr" = "stdout"): { code: number | null; stderr: string } {
  const fd = openSync("/dev/full", "w");
  try {
    const r = spawnSync(process.execPath, [`${ROOT}bin/nhi-triage`, ...args], {
      cwd: ROOT,
      stdio: stream === "stdout" ? ["pipe", fd, "pipe"] : ["pipe", "ignore", fd],
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
      timeout: 60_000,
    });
    return { code: r.status, stderr: r.stderr };
  } finally {
    closeSync(fd);
  }
}

const gateFormats = ["text", "json", "sarif", "junit", "github", "markdown"];
const analyzeFormats = ["text", "json", "ndjson", "markdown", "sarif"];

describe.skipIf(!existsSync("/dev/full"))("stdout on a full disk (>/dev/full)", () => {
  it.each<[string, string[]]>([
    ...gateFormats.map((f): [string, string[]] => [`gate (passing) --format ${f}`, ["gate", "fixtures/gate/base.yaml", "--base", "fixtures/gate/base.yaml", ...NOW, "--format", f]]),
    ["gate (failing)", ["gate", "fixtures/gate/head.yaml", "--base", "fixtures/gate/base.yaml", "--fail-on", "info", ...NOW]],
    ...analyzeFormats.map((f): [string, string[]] => [`analyze --format ${f}`, ["analyze", ONE, ...INV, ...NOW, "--format", f]]),
    ["analyze of a folder, json", ["analyze", "fixtures/incidents", ...INV, ...NOW, "--format", "json"]],
    ["interview --answers", ["interview", "--answers", ANSWERS, ...INV, ...NOW]],
    ["schema", ["schema", "inventory"]],
    ["refs", ["refs"]],
    ["rules list", ["rules", "list"]],
    ["rules show", ["rules", "show", "NHI-STATIC-SECRET"]],
    ["rules test", ["rules", "test"]],
    ["--help", ["--help"]],
    ["--version", ["--version"]],
  ])("%s: one line, exit 2, no stack", (_name, args) => {
    const r = toFullDisk(args);
    expect(r.stderr).toBe(FULL);
    expect(r.code).toBe(2);
  });

  it("init: the files are written, the lost listing is one line and exit 2", () => {
    const dir = join(tempDir("nhi-init-"), "project");
    const r = toFullDisk(["init", dir]);
    expect(r.stderr).toBe(FULL);
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, "nhi-inventory.yaml"))).toBe(true);
  });

  it("messages on stderr still come, before the line about stdout", () => {
    const r = toFullDisk(["analyze", ONE, "fixtures/invalid/does-not-exist.yaml", ...INV, ...NOW]);
    expect(r.stderr).toMatch(/does-not-exist\.yaml {2}error {2}file not found\n/);
    expect(r.stderr.endsWith(FULL)).toBe(true);
    expect(r.code).toBe(2);
  });

  it("stderr on a full disk: its messages are lost, the exit code is still the result's", () => {
    expect(toFullDisk(["analyze", "no-such-incident.yaml", ...NOW], "stderr").code).toBe(2);
    // A stale waiver: a warning on stderr, and a gate that passes.
    const waivers = join(tempDir("nhi-full-"), "waivers.yaml");
    writeFileSync(waivers, "apiVersion: nhi-triage/v1\nkind: Waivers\nwaivers:\n  - rule: NHI-HUMAN-USE\n    subject: identity:nobody\n    reason: test\n    owner: team-data\n    expires: 2027-01-31\n");
    const args = ["gate", "fixtures/gate/base.yaml", "--base", "fixtures/gate/base.yaml", "--waivers", waivers, ...NOW];
    expect(toFullDisk(args).stderr).toContain("stale waiver");
    expect(toFullDisk(args, "stderr").code).toBe(0);
  });
});
