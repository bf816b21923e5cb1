import { describe, expect, test } from "vitest";
import { actionInputs } from "../../src/action/actionInputs.js";
import { eventBase } from "../../src/action/eventBase.js";
import { gateArgs } from "../../src/action/gateArgs.js";
import { githubOutput } from "../../src/action/githubOutput.js";
import { stepSummary } from "../../src/action/stepSummary.js";
import { parseOutputFile } from "../e2e/runCompositeAction.js";

const SHA = "a".repeat(40);

function inputs(env: Record<string, string>) {
  const r = actionInputs(env);
  if (!r.ok) throw new Error(r.message);
  return r.inputs;
}

describe("eventBase", () => {
  test("a pull request, a merge group and a push each name their base", () => {
    expect(eventBase("pull_request", { pull_request: { base: { sha: SHA } } })).toEqual({ kind: "commit", sha: SHA, from: "pull_request.base.sha" });
    expect(eventBase("pull_request_target", { pull_request: { base: { sha: SHA } } })).toMatchObject({ kind: "commit", sha: SHA });
    expect(eventBase("merge_group", { merge_group: { base_sha: SHA } })).toMatchObject({ kind: "commit", sha: SHA });
    expect(eventBase("push", { before: SHA })).toEqual({ kind: "commit", sha: SHA, from: "before" });
  });
  test("a new branch, a malformed payload and a scheduled run have none", () => {
    expect(eventBase("push", { before: "0".repeat(40) }).kind).toBe("none");
    expect(eventBase("push", { before: SHA, created: true }).kind).toBe("none");
    expect(eventBase("pull_request", { pull_request: { base: { sha: "main" } } }).kind).toBe("none");
    expect(eventBase("schedule", {})).toEqual({ kind: "none", why: "a schedule run has no base commit" });
  });
});

describe("actionInputs", () => {
  test("empty inputs are absent; lists are one per line, blank lines and comments dropped", () => {
    const i = inputs({ INPUT_INVENTORY: "  ", INPUT_DISCOVER: ".github/workflows\n\n# the cluster\nk8s/\n", INPUT_STRICT: "True" });
    expect(i.INPUT_INVENTORY).toBeUndefined();
    expect(i.INPUT_DISCOVER).toEqual([".github/workflows", "k8s/"]);
    expect(i.INPUT_STRICT).toBe(true);
    expect(inputs({}).INPUT_STRICT).toBe(false);
  });
  test("a value outside the choices is named with the input's own spelling", () => {
    expect(actionInputs({ INPUT_FAIL_ON: "severe" })).toEqual({ ok: false, message: 'input fail-on: "severe" is not valid; expected one of info, low, medium, high, critical' });
    expect(actionInputs({ INPUT_STRICT: "yes" })).toMatchObject({ ok: false, message: expect.stringContaining("input strict") });
  });
});

describe("gateArgs", () => {
  const files = { INPUT_SARIF: "/tmp/r/n.sarif", INPUT_MARKDOWN: "/tmp/r/n.md" };
  test("one gate run with every format, the event's base as a commit", () => {
    expect(gateArgs(inputs({ INPUT_INVENTORY: "inv.yaml", INPUT_WAIVERS: "w.yaml", INPUT_FAIL_ON: "medium", INPUT_RULES: "a\nb", ...files }), { kind: "commit", sha: SHA, from: "before" })).toEqual([
      "gate", "inv.yaml", "--base", `git:${SHA}`, "--waivers", "w.yaml", "--rules", "a", "--rules", "b", "--fail-on", "medium",
      "--format", "sarif=/tmp/r/n.sarif", "--format", "markdown=/tmp/r/n.md", "--format", "github",
    ]);
  });
  test("discover paths instead of a file; the base input wins; no base when there is none", () => {
    const args = gateArgs(inputs({ INPUT_DISCOVER: ".", INPUT_BASE: "file:old.yaml", INPUT_STRICT: "true", ...files }), { kind: "commit", sha: SHA, from: "before" });
    expect(args.slice(0, 6)).toEqual(["gate", "--discover", ".", "--base", "file:old.yaml", "--strict"]);
    expect(gateArgs(inputs(files), { kind: "none", why: "" })).not.toContain("--base");
  });
});

describe("githubOutput", () => {
  test("a value with a newline stays one value", () => {
    const text = githubOutput({ verdict: "fail", sarif: "/tmp/a\nverdict=pass" }, "D");
    expect(parseOutputFile(text)).toEqual({ verdict: "fail", sarif: "/tmp/a\nverdict=pass" });
  });
  test("a value that holds the delimiter is refused", () => {
    expect(() => githubOutput({ a: "x\nD\ny" }, "D")).toThrow(/delimiter/);
  });
});

describe("stepSummary", () => {
  test("whole when it fits", () => {
    expect(stepSummary("# ok")).toBe("# ok\n");
  });
  test("cut at a line end under the limit, with a note", () => {
    const big = Array.from({ length: 100 }, (_, i) => `line ${i} ${"é".repeat(20)}`).join("\n");
    const out = stepSummary(big, 1000);
    expect(Buffer.byteLength(out, "utf8")).toBeLessThanOrEqual(1000);
    expect(out).toContain("cut here");
    expect(out).not.toContain("\uFFFD");
    expect(out.split("\n")[0]).toBe(`line 0 ${"é".repeat(20)}`);
  });
});
