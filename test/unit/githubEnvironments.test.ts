import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { discoverInventory } from "../../src/discover/discoverInventory.js";
import { mapWorkflow, type WorkflowSettings } from "../../src/discover/mapWorkflow.js";
import { InputError } from "../../src/load/diagnostic.js";
import { readEnvironments } from "../../src/load/sources/github/readEnvironments.js";
import { githubWorkflow } from "../../src/load/sources/githubWorkflow.js";

const REL = ".github/workflows/deploy.yml";
const WORKFLOW = [
  "on: push",
  "permissions:",
  "  contents: write",
  "jobs:",
  "  deploy:",
  "    runs-on: ubuntu-24.04",
  "    environment: Production",
  "    steps:",
  "      - run: ./deploy.sh ${{ secrets.DEPLOY_KEY }}",
  "  staging:",
  "    runs-on: ubuntu-24.04",
  "    environment: { name: staging, url: https://staging.example.com }",
  "    steps: []",
  "  test:",
  "    runs-on: ubuntu-24.04",
  "    steps: []",
  "",
].join("\n");

const envs = (environments: unknown[]) => readEnvironments("environments.json", JSON.stringify({ total_count: environments.length, environments }, null, 2));
const reviewed = { name: "production", protection_rules: [{ type: "required_reviewers", prevent_self_review: true, reviewers: [{ type: "Team", reviewer: { slug: "platform" } }] }, { type: "wait_timer", wait_timer: 5 }] };

function steps(settings: WorkflowSettings) {
  const read = githubWorkflow(`repo/${REL}`, WORKFLOW, true)!;
  const m = mapWorkflow(read.facts, REL, settings);
  return discoverInventory([{ identities: m.identities, workflows: [m.workflow] }]).workflows![0]!.steps!;
}
const step = (settings: WorkflowSettings, id: string) => steps(settings).find((s) => s.id === id)!;

describe("readEnvironments", () => {
  it("reads each environment's reviewers, self-review and wait timer, by name without case", () => {
    const read = envs([reviewed, { name: "staging", protection_rules: [{ type: "branch_policy" }] }]);
    expect(read.get("production")).toEqual({ name: "production", reviewers: 1, preventSelfReview: true, waitTimerMinutes: 5 });
    expect(read.get("staging")).toEqual({ name: "staging", reviewers: 0, preventSelfReview: false });
  });

  it("reads the committed fixture", () => {
    const file = "fixtures/sources/github-environments/environments.json";
    const read = readEnvironments(file, readFileSync(file, "utf8"));
    expect([...read.keys()]).toEqual(["production", "staging"]);
    expect(read.get("production")!.reviewers).toBe(1);
  });

  it("refuses a file that is not the answer, at file:line:column with what was expected", () => {
    const problems = (text: string) => {
      try {
        readEnvironments("environments.json", text);
      } catch (e) {
        if (e instanceof InputError) return e.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
        throw e;
      }
      throw new Error("accepted");
    };
    expect(problems("")).toEqual(["1:1 empty file: expected the JSON of `gh api repos/OWNER/REPO/environments` (a mapping with an `environments` list)"]);
    expect(problems("[]")[0]).toMatch(/^1:1 not a list of environments: expected the JSON of `gh api/);
    expect(problems('{"environments": [\n  {"name": "x", "protection_rules": [{"type": "required_reviewers", "reviewer": []}]}\n]}')).toEqual([
      "2:38 environments[0].protection_rules[0].reviewers: expected the list of reviewers of a required_reviewers rule",
    ]);
    expect(problems('{"environments": [{"name": 3}]}')[0]).toMatch(/^1:28 environments\[0\]\.name: expected string/);
    expect(problems('{"environments": [')[0]).toMatch(/^1:19 /);
  });
});

describe("approvals from the repository's environments", () => {
  it("are unknown without the file", () => {
    expect(steps({}).some((s) => s.approval !== undefined || s.observed?.some((o) => o.fact === "unreviewed-environment"))).toBe(false);
  });

  it("are required, and single use, on every step of a job whose environment has reviewers", () => {
    const settings = { githubEnvironments: envs([reviewed]) };
    expect(step(settings, "deploy").approval).toEqual({ required: true, singleUse: true });
    expect(step(settings, "deploy/secrets.DEPLOY_KEY").approval).toEqual({ required: true, singleUse: true });
    expect(step(settings, "deploy").observed ?? []).toEqual([]);
  });

  it("are not required for an environment without reviewers, or one the repository does not list", () => {
    const settings = { githubEnvironments: envs([{ name: "staging", protection_rules: [{ type: "wait_timer", wait_timer: 30 }] }]) };
    expect(step(settings, "staging").approval).toEqual({ required: false });
    expect(step(settings, "staging").observed).toEqual([{ fact: "unreviewed-environment", environment: "staging", listed: true, line: 12, column: 18 }]);
    expect(step(settings, "deploy/secrets.DEPLOY_KEY").approval).toEqual({ required: false });
    expect(step(settings, "deploy").observed).toEqual([{ fact: "unreviewed-environment", environment: "Production", listed: false, line: 7, column: 18 }]);
  });

  it("stay unknown for a job that names no environment", () => {
    expect(step({ githubEnvironments: envs([reviewed]) }, "test").approval).toBeUndefined();
  });
});
