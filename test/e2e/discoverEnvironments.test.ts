import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import type { Inventory } from "../../src/load/schema/inventory.js";
import { tempDir } from "../helpers.js";
import { run } from "./run.js";

const FIXTURE = "fixtures/sources";
const ENVIRONMENTS = `${FIXTURE}/github-environments`;
const DEPLOY = `${FIXTURE}/.github/workflows/deploy.yml`;

interface GateFinding { rule: string; subject: string; file: string; line: number; column: number }

/** The gate's findings on the discovered deploy workflow, with or without the environments answer. */
function findings(args: string[]): GateFinding[] {
  const out = join(tempDir("nhi-discover-env-"), "inventory.yaml");
  const d = run(["discover", FIXTURE, "--output", out, "--quiet", ...args]);
  expect([d.code, d.stderr]).toEqual([0, ""]);
  const g = run(["gate", out, "--now", "2026-11-23", "--format", "json"]);
  expect(g.stderr).toBe("");
  return (JSON.parse(g.stdout) as { new: GateFinding[] }).new.filter((f) => f.subject.includes("deploy.yml/step:deploy-aws"));
}
const rules = (fs: GateFinding[]) => [...new Set(fs.map((f) => f.rule))].filter((r) => r === "GHA-UNREVIEWED-ENVIRONMENT" || r === "NHI-REUSABLE-APPROVAL");

describe("nhi-triage discover --github-environments", () => {
  it("finds the deploy job to a production environment the repository does not protect, at the job", () => {
    const found = findings(["--github-environments", `${ENVIRONMENTS}/unprotected.json`]);
    expect(rules(found)).toEqual(["GHA-UNREVIEWED-ENVIRONMENT"]);
    const f = found.find((x) => x.rule === "GHA-UNREVIEWED-ENVIRONMENT")!;
    expect([f.subject, f.file, f.line, f.column]).toEqual(["workflow:.github/workflows/deploy.yml/step:deploy-aws", DEPLOY, 15, 3]);
  });

  it("no longer finds it once production has required reviewers, and calls nothing reusable", () => {
    expect(rules(findings(["--github-environments", `${ENVIRONMENTS}/environments.json`]))).toEqual([]);
  });

  it("leaves approvals unknown without the file", () => {
    expect(rules(findings([]))).toEqual([]);
    const inv = parse(run(["discover", DEPLOY]).stdout) as Inventory;
    expect(inv.workflows![0]!.steps!.some((s) => s.approval !== undefined)).toBe(false);
  });

  it("writes each step's approval into the inventory", () => {
    const inv = parse(run(["discover", DEPLOY, "--github-environments", `${ENVIRONMENTS}/environments.json`]).stdout) as Inventory;
    const approvals = Object.fromEntries(inv.workflows![0]!.steps!.map((s) => [s.id, s.approval]));
    expect(approvals["deploy-aws"]).toEqual({ required: true, singleUse: true });
    expect(approvals["deploy-aws/aws-oidc"]).toEqual({ required: true, singleUse: true });
    // deploy-gcp names no environment: nothing the answer could say about it.
    expect(approvals["deploy-gcp"]).toBeUndefined();
  });

  it("refuses a bad file with exit 2 at file:line:column, and still writes what the sources say", () => {
    const r = run(["discover", DEPLOY, "--github-environments", `${ENVIRONMENTS}/broken.json`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${ENVIRONMENTS}/broken.json:7:9  error  environments[0].protection_rules[0].reviewers: expected the list of reviewers of a required_reviewers rule`);
    expect(r.stderr).toContain(`${ENVIRONMENTS}/broken.json:8:47  error  environments[0].protection_rules[1].wait_timer: expected number, got "5m"`);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect((parse(r.stdout) as Inventory).workflows![0]!.id).toBe(".github/workflows/deploy.yml");
    const missing = run(["discover", DEPLOY, "--github-environments", `${ENVIRONMENTS}/nope.json`]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`${ENVIRONMENTS}/nope.json`);
    expect(missing.stderr).toContain("file not found");
  });

  it("is listed in --help", () => {
    expect(run(["discover", "--help"]).stdout).toContain("--github-environments <file>");
  });
});
