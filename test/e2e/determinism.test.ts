import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ANALYZE_FORMATS, INTERVIEW_FORMATS } from "../../src/report/analyzeFormat.js";
import { GATE_FORMATS } from "../../src/report/gateFormat.js";
import { REFS_FORMATS } from "../../src/report/refsFormat.js";
import { RULE_LIST_FORMATS } from "../../src/report/ruleListFormat.js";
import { SCHEMA_NAMES } from "../../src/report/schemaNames.js";
import { ROOT } from "../helpers.js";

const NOW = ["--now", "2026-11-23"];
const INV = ["--inventory", "fixtures/inventory.yaml"];
const ANSWERS = "fixtures/answers/incidents/inc-01-retry-replays-migration.yaml";
const GATE = ["gate", "fixtures/gate/head.yaml", "--base", "fixtures/gate/base.yaml", "--waivers", "fixtures/gate/waivers.yaml", ...NOW];

/**
 * Two time zones (Kiritimati is UTC+14, a day ahead for part of every UTC day) and two
 * locales (Turkish casing and collation), each changed at once: every difference of zone
 * or locale would show as a difference between the two runs. Two runs rather than the four
 * combinations keep the suite within CI's time; the unit tests cover the pieces (dates read
 * as UTC, comparisons that ignore the locale).
 */
const ENVS: ReadonlyArray<Record<string, string>> = [
  { TZ: "UTC", LANG: "C", LC_ALL: "C" },
  { TZ: "Pacific/Kiritimati", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" },
];

/** Every command that prints a report, in every format; those that read today's date get --now. */
const COMMANDS: ReadonlyArray<readonly string[]> = [
  ...ANALYZE_FORMATS.map((f) => ["analyze", "fixtures/incidents", ...INV, ...NOW, "--format", f]),
  ["analyze", "fixtures/incidents/inc-08-leaked-aws-key-in-repo.yaml", ...INV, ...NOW],
  ...GATE_FORMATS.map((f) => [...GATE, "--format", f]),
  ...INTERVIEW_FORMATS.map((f) => ["interview", "--answers", ANSWERS, ...INV, ...NOW, "--format", f]),
  ...RULE_LIST_FORMATS.map((f) => ["rules", "list", "--format", f]),
  ["rules", "list", "--ref", "NHI7:2025"],
  ["rules", "show", "NHI-STATIC-SECRET"],
  ["rules", "show", "CTL-LEAST-PRIVILEGE"],
  ["rules", "test"],
  ["rules", "test", "fixtures/rule-pack"],
  ...REFS_FORMATS.map((f) => ["refs", "--format", f]),
  ["refs", "NHI7:2025"],
  ["refs", "--framework", "owasp-nhi"],
  ...SCHEMA_NAMES.map((n) => ["schema", n]),
];

interface Result {
  code: number | null;
  stdout: Buffer;
  stderr: Buffer;
}

function runIn(args: readonly string[], env: Record<string, string>): Promise<Result> {
  return new Promise((resolve, reject) => {
    // No project config from the folder around the checkout, and no colour.
    const child = spawn(process.execPath, [`${ROOT}bin/nhi-triage`, "--no-config", ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1", ...env } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }));
  });
}

describe("the same bytes whatever the time zone and the locale", () => {
  it("the environments really differ: Node sees another zone and another locale", async () => {
    const probe = ["-e", "process.stdout.write(JSON.stringify([new Date(0).getTimezoneOffset(), Intl.DateTimeFormat().resolvedOptions().locale, (1234.5).toLocaleString()]))"];
    const seen = await Promise.all(
      ENVS.map(
        (env) =>
          new Promise<string>((resolve) => {
            const c = spawn(process.execPath, probe, { env: { ...process.env, ...env } });
            let s = "";
            c.stdout.on("data", (d: Buffer) => (s += d.toString()));
            c.on("close", () => resolve(s));
          }),
      ),
    );
    expect(new Set(seen).size).toBe(ENVS.length);
  });

  it.each(COMMANDS.map((c) => [c.join(" "), c] as const))("%s", async (_name, args) => {
    const [first, ...rest] = await Promise.all(ENVS.map((env) => runIn(args, env)));
    expect(first!.stdout.length).toBeGreaterThan(0);
    expect([0, 1]).toContain(first!.code);
    for (const r of rest) {
      expect(r.code).toBe(first!.code);
      // Compared as text only when the bytes differ, for a readable diff.
      if (!r.stdout.equals(first!.stdout)) expect(r.stdout.toString("utf8")).toBe(first!.stdout.toString("utf8"));
      expect(r.stderr.toString("utf8")).toBe(first!.stderr.toString("utf8"));
    }
  });
});
