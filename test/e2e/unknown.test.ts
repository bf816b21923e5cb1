import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers.js";
import { run } from "./run.js";

const ZONES = ["America/Adak", "Pacific/Kiritimati", "UTC"];
const UNROTATED = readFileSync(join(ROOT, "fixtures/unknown/unrotated.yaml"), "utf8");

describe("what the inventory does not record is reported, not passed (end to end)", () => {
  it.each(ZONES)("under TZ=%s a static secret with a max age and no rotation date is an unknown finding", (zone) => {
    const dir = tempDir("nhi-unknown-");
    writeFileSync(join(dir, "inv.yaml"), UNROTATED);
    const gate = (...args: string[]) => run(["--no-config", "gate", "inv.yaml", "--now", "2026-11-23", ...args], { cwd: dir, env: { TZ: zone } });

    const text = gate();
    expect(text.stderr).toBe("");
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("inv.yaml:11:17  MEDIUM   NHI-STATIC-SECRET  identity:key-payments (unknown)\n");
    expect(text.stdout).toContain("      Credential not shown to be short-lived, or rotated within its max age  (below high: reported, does not fail the gate)\n");
    expect(text.stdout).toContain("identity key-payments: credential past its max age unknown (credential.lastRotated not recorded)");
    expect(text.stdout).toContain("1 new · 0 existing · 0 resolved · 0 waived");

    const json = JSON.parse(gate("--format", "json").stdout);
    expect(json.new.map((f: { rule: string; severity: string; unknown?: string[] }) => [f.rule, f.severity, f.unknown])).toEqual([["NHI-STATIC-SECRET", "medium", ["identity.credential.overdue"]]]);

    const strict = gate("--fail-on", "medium");
    expect(strict.code).toBe(1);
    expect(strict.stdout.split("\n")[0]).toBe("GATE FAILED  1 new finding at or above medium");

    // Once recorded and in time, nothing is left to report.
    writeFileSync(join(dir, "inv.yaml"), UNROTATED.replace("maxAge: 30d,", "maxAge: 30d, lastRotated: 2026-11-10,"));
    expect(gate("--fail-on", "info").stdout.split("\n")[0]).toBe("GATE PASSED  no new finding at or above info");
  });
});

describe("the starter project from init (end to end)", () => {
  it.each(ZONES)("under TZ=%s the gate reports the support agent that acts as the deploy identity", (zone) => {
    const dir = tempDir("nhi-init-");
    expect(run(["init", dir], { env: { TZ: zone } }).code).toBe(0);
    const r = run(["gate", "--now", "2026-11-23"], { cwd: dir, env: { TZ: zone } });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n")[0]).toBe("GATE FAILED  1 new finding at or above high");
    expect(r.stdout).toMatch(/nhi-inventory\.yaml:42:15 {2}HIGH {5}NHI-AGENT-SHARES-WORKFLOW-IDENTITY {2}agent:support-agent\n/);
    expect(r.stdout).toContain("agent support-agent: identity also used by workflow steps: yes (release/migrate-db)");
  });
});
