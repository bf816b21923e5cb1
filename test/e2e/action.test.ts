import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";
import { parseAction } from "@actions/workflow-parser/actions/index";
import { parse } from "yaml";
import { describe, expect, test } from "vitest";
import { ROOT } from "../helpers.js";
import { parseOutputFile, runCompositeAction } from "./runCompositeAction.js";

const INVENTORY = "infra/nhi-inventory.yaml";

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8" }).trim();
}

/** A repository whose first commit holds the base inventory and whose second the pull request's. */
function scratchRepo(head = "head.yaml"): { dir: string; base: string; head: string } {
  const dir = mkdtempSync(join(tmpdir(), "nhi-action-"));
  git(dir, "init", "-q", "-b", "main");
  mkdirSync(join(dir, "infra"));
  copyFileSync(join(ROOT, "fixtures/gate/base.yaml"), join(dir, INVENTORY));
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "base");
  const base = git(dir, "rev-parse", "HEAD");
  copyFileSync(join(ROOT, "fixtures/gate", head), join(dir, INVENTORY));
  git(dir, "commit", "-qam", "head", "--allow-empty");
  return { dir, base, head: git(dir, "rev-parse", "HEAD") };
}

function gateStep(r: ReturnType<typeof runCompositeAction>) {
  return r.steps.find((s) => s.name === "Gate")!;
}

describe("the GitHub Action, run as the runner runs a composite action", () => {
  test("a pull request that widens privileges fails the step, with SARIF, Markdown, annotations and a step summary", () => {
    const repo = scratchRepo();
    const r = runCompositeAction({
      actionPath: ROOT,
      workspace: repo.dir,
      inputs: { inventory: INVENTORY },
      event: { name: "pull_request", payload: { pull_request: { number: 7, base: { sha: repo.base } } } },
      env: { GITHUB_SHA: repo.head },
    });
    expect(r.steps.map((s) => [s.name, s.code])).toEqual([
      ["Build nhi-triage", 0],
      ["Gate", 1],
    ]);
    expect(r.code).toBe(1);
    expect(r.outputs.verdict).toBe("fail");
    expect(r.outputs["exit-code"]).toBe("1");
    // Annotations in the log, on the repository's own path, for GitHub to place.
    expect(r.stdout).toMatch(new RegExp(`^::error file=${INVENTORY},line=\\d+,col=\\d+,title=CHANGE-PRIVILEGES-WIDENED `, "m"));
    const sarif = JSON.parse(readFileSync(r.outputs.sarif!, "utf8")) as { runs: Array<{ results: Array<{ ruleId: string; locations?: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    const results = sarif.runs[0]!.results;
    expect(results.map((x) => x.ruleId)).toContain("CHANGE-PRIVILEGES-WIDENED");
    const uris = new Set(results.flatMap((x) => x.locations ?? []).map((l) => l.physicalLocation.artifactLocation.uri));
    expect([...uris]).toEqual([INVENTORY]);
    // Outside the checkout: the reports are never files the pull request could have committed.
    expect(r.outputs.sarif!.startsWith(repo.dir)).toBe(false);
    const markdown = readFileSync(r.outputs.markdown!, "utf8");
    expect(markdown).toContain("CHANGE-PRIVILEGES-WIDENED");
    expect(gateStep(r).summary.trim()).toBe(markdown.trim());
  });

  test("a pull request that changes nothing passes", () => {
    const repo = scratchRepo("base.yaml");
    const r = runCompositeAction({
      actionPath: ROOT,
      workspace: repo.dir,
      inputs: { inventory: INVENTORY },
      event: { name: "pull_request", payload: { pull_request: { base: { sha: repo.base } } } },
    });
    expect(r.code).toBe(0);
    expect(r.outputs.verdict).toBe("pass");
    expect(r.stdout).toMatch(/^::notice title=nhi-triage gate::GATE PASSED/m);
    expect(existsSync(r.outputs.sarif!)).toBe(true);
  });

  test("a push is judged against the commit before it; a push that creates the branch on its posture alone", () => {
    const repo = scratchRepo();
    const pushed = runCompositeAction({ actionPath: ROOT, workspace: repo.dir, inputs: { inventory: INVENTORY }, event: { name: "push", payload: { before: repo.base, after: repo.head } } });
    expect(pushed.outputs.verdict).toBe("fail");
    expect(pushed.stdout).toContain("CHANGE-PRIVILEGES-WIDENED");
    const created = runCompositeAction({
      actionPath: ROOT,
      workspace: repo.dir,
      inputs: { inventory: INVENTORY },
      event: { name: "push", payload: { before: "0".repeat(40), after: repo.head, created: true } },
    });
    expect(created.stdout).toContain("no base commit (the push created the branch: there is no commit before it)");
    // No base to compare with: no change findings, only the posture.
    expect(created.stdout).not.toContain("CHANGE-PRIVILEGES-WIDENED");
    expect(["pass", "fail"]).toContain(created.outputs.verdict);
  });

  test("a base commit the clone lacks fails closed: exit 2, verdict error, and no report to upload", () => {
    const repo = scratchRepo();
    const r = runCompositeAction({
      actionPath: ROOT,
      workspace: repo.dir,
      inputs: { inventory: INVENTORY },
      event: { name: "pull_request", payload: { pull_request: { base: { sha: "1".repeat(40) } } } },
    });
    expect(r.code).toBe(2);
    expect(r.outputs).toMatchObject({ verdict: "error", "exit-code": "2", sarif: "", markdown: "" });
    expect(gateStep(r).stderr).toContain("1111111");
    expect(gateStep(r).summary).toBe("");
  });

  test("an input the action cannot use is exit 2, annotated with the input's name", () => {
    const repo = scratchRepo();
    const r = runCompositeAction({ actionPath: ROOT, workspace: repo.dir, inputs: { inventory: INVENTORY, "fail-on": "severe" }, event: { name: "pull_request", payload: {} } });
    expect(r.code).toBe(2);
    expect(r.outputs.verdict).toBe("error");
    expect(r.stdout).toContain('::error title=nhi-triage::input fail-on: "severe" is not valid; expected one of info, low, medium, high, critical');
  });

  test("an explicit base input wins over the event's", () => {
    const repo = scratchRepo();
    const r = runCompositeAction({
      actionPath: ROOT,
      workspace: repo.dir,
      inputs: { inventory: INVENTORY, base: `git:${repo.head}` },
      event: { name: "pull_request", payload: { pull_request: { base: { sha: repo.base } } } },
    });
    expect(r.stdout).not.toContain("CHANGE-PRIVILEGES-WIDENED");
    expect(r.outputs.verdict).toBe("pass");
  });
});

describe("action.yml", () => {
  const text = readFileSync(join(ROOT, "action.yml"), "utf8");

  test("is a valid action for GitHub's own parser", () => {
    const parsed = parseAction({ name: "action.yml", content: text }, new NoOperationTraceWriter());
    expect(parsed.context.errors.getErrors().map((e) => e.message)).toEqual([]);
  });

  test("never splices an input into a script: inputs reach run steps as variables", () => {
    const action = parse(text) as { runs: { steps: Array<{ run?: string }> } };
    for (const step of action.runs.steps) expect(step.run ?? "").not.toContain("${{");
  });
});

describe("$GITHUB_OUTPUT as the runner reads it", () => {
  test("name=value lines and heredoc blocks", () => {
    expect(parseOutputFile("a=1\nb<<EOF\ntwo\nlines\nEOF\nc=\n")).toEqual({ a: "1", b: "two\nlines", c: "" });
  });
  test("an unclosed block is an error, not a silently empty value", () => {
    expect(() => parseOutputFile("b<<EOF\nvalue\n")).toThrow(/no closing EOF/);
  });
});

describe("the workflow in docs/github-action.md", () => {
  const doc = readFileSync(join(ROOT, "docs/github-action.md"), "utf8");
  const block = /<!-- docs-workflow -->\n```yaml\n([\s\S]*?)\n```/.exec(doc);
  const text = block?.[1] ?? "";
  interface Workflow {
    on: Record<string, unknown>;
    jobs: Record<string, { steps: Array<{ id?: string; uses?: string; if?: string; with?: Record<string, string> }> }>;
  }
  const workflow = parse(text) as Workflow;
  const steps = Object.values(workflow.jobs ?? {}).flatMap((j) => j.steps);

  test("is marked, and valid for GitHub's own parser", () => {
    expect(block).not.toBeNull();
    const parsed = parseWorkflow({ name: "nhi-gate.yml", content: text }, new NoOperationTraceWriter());
    expect(parsed.context.errors.getErrors().map((e) => e.message)).toEqual([]);
  });

  test("runs on pull requests and on pushes to the default branch, so fixed alerts close", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push"]);
  });

  test("pins every action to a full commit SHA", () => {
    const uses = text.split("\n").filter((l) => /^\s*(- )?uses:/.test(l));
    expect(uses.length).toBeGreaterThanOrEqual(4);
    for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40}( #.*)?$/);
  });

  test("uses this repository's action at a commit of its history that has every input it passes", () => {
    const ours = steps.find((s) => s.uses?.startsWith("nhi-triage/nhi-triage@"));
    expect(ours).toBeDefined();
    const sha = ours!.uses!.split("@")[1]!;
    const shallow = execFileSync("git", ["rev-parse", "--is-shallow-repository"], { cwd: ROOT, encoding: "utf8" }).trim() === "true";
    if (shallow) return; // A shallow clone has no history to look the pin up in; a full clone (CI's) checks it.
    const pinned = parse(execFileSync("git", ["show", `${sha}:action.yml`], { cwd: ROOT, encoding: "utf8" })) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
    expect(Object.keys(ours!.with ?? {}).filter((k) => !(k in pinned.inputs))).toEqual([]);
    for (const used of text.matchAll(/steps\.gate\.outputs\.([\w-]+)/g)) expect(pinned.outputs).toHaveProperty(used[1]!);
  });

  test("uploads SARIF and comments even when the gate step failed", () => {
    const upload = steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
    expect(upload?.if).toMatch(/^always\(\)/);
    expect(upload?.with?.sarif_file).toBe("${{ steps.gate.outputs.sarif }}");
    const comment = steps.find((s) => (s as { run?: string }).run?.includes("gh pr comment"));
    expect(comment?.if).toMatch(/^always\(\)/);
  });
});
