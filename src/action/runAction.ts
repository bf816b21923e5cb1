import { spawn } from "node:child_process";
import { appendFileSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { actionInputs, type ActionInputs } from "./actionInputs.js";
import { eventBase, type EventBase } from "./eventBase.js";
import { gateArgs } from "./gateArgs.js";
import { githubOutput } from "./githubOutput.js";
import { stepSummary } from "./stepSummary.js";

const CLI = fileURLToPath(new URL("../../bin/nhi-triage", import.meta.url));
const VERDICTS: Readonly<Record<number, string>> = { 0: "pass", 1: "fail" };

/**
 * The action's one step: run the gate once with the workflow's inputs, then hand its
 * verdict, SARIF and Markdown to the steps after it. The exit code is the gate's, so the
 * step, and the check, fails whenever the gate does; every other output is only a report.
 */
export async function runAction(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const read = actionInputs(env);
  if (!read.ok) return setup(env, read.message);
  const inputs = read.inputs;
  if (inputs.INPUT_INVENTORY !== undefined && inputs.INPUT_DISCOVER.length) return setup(env, "give either the inventory input or the discover input, not both");
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  // Outside the checkout by default: a file the pull request commits under the same name is never taken for this run's report.
  const reports = join(env.RUNNER_TEMP ?? workspace, "nhi-triage");
  const resolved = {
    ...inputs,
    INPUT_SARIF: resolve(workspace, inputs.INPUT_SARIF ?? join(reports, "nhi-triage.sarif")),
    INPUT_MARKDOWN: resolve(workspace, inputs.INPUT_MARKDOWN ?? join(reports, "nhi-triage.md")),
  } satisfies ActionInputs;
  for (const file of [resolved.INPUT_SARIF, resolved.INPUT_MARKDOWN]) mkdirSync(dirname(file), { recursive: true });

  const base = inputs.INPUT_BASE === undefined ? eventBaseOf(env) : undefined;
  if (base?.kind === "none") process.stdout.write(`nhi-triage: no base commit (${base.why}); the gate judges the posture alone\n`);
  const started = Date.now();
  const code = await run(process.execPath, [CLI, ...gateArgs(resolved, base ?? { kind: "none", why: "" })], workspace, env);
  const verdict = VERDICTS[code] ?? "error";

  const outputs: Record<string, string> = { verdict, "exit-code": String(code) };
  // Only files this run wrote: after a failed read (exit 2) there is no report to upload.
  if (verdict !== "error") {
    if (writtenSince(resolved.INPUT_SARIF, started)) outputs.sarif = resolved.INPUT_SARIF;
    if (writtenSince(resolved.INPUT_MARKDOWN, started)) outputs.markdown = resolved.INPUT_MARKDOWN;
  }
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, githubOutput(outputs));
  if (env.GITHUB_STEP_SUMMARY && outputs.markdown) appendFileSync(env.GITHUB_STEP_SUMMARY, stepSummary(readFileSync(outputs.markdown, "utf8")));
  return code;
}

/** A problem with the action's own inputs: annotated, and exit 2 like any bad input. */
function setup(env: NodeJS.ProcessEnv, message: string): number {
  process.stdout.write(`::error title=nhi-triage::${message.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A")}\n`);
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, githubOutput({ verdict: "error", "exit-code": "2" }));
  return 2;
}

function eventBaseOf(env: NodeJS.ProcessEnv): EventBase {
  if (!env.GITHUB_EVENT_PATH) return eventBase(env.GITHUB_EVENT_NAME, undefined);
  let payload: unknown;
  try {
    payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8"));
  } catch {
    return { kind: "none", why: `the event payload ${env.GITHUB_EVENT_PATH} could not be read` };
  }
  return eventBase(env.GITHUB_EVENT_NAME, payload);
}

function writtenSince(file: string, started: number): boolean {
  try {
    const st = statSync(file);
    // A second's slack: some file systems keep modification times in whole seconds.
    return st.isFile() && st.mtimeMs >= started - 1000;
  } catch {
    return false;
  }
}

/** The gate's exit code; a signal or a failure to start counts as an internal error (3). */
function run(node: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((done) => {
    const child = spawn(node, args, { cwd, env, stdio: "inherit" });
    child.on("error", () => done(3));
    child.on("close", (code) => done(code ?? 3));
  });
}
