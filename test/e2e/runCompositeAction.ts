import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";

/**
 * Runs a composite action's steps the way the GitHub runner does: each `run` as a script
 * file under `bash --noprofile --norc -eo pipefail`, `${{ }}` expressions in `env` and
 * `working-directory` replaced first, a fresh $GITHUB_OUTPUT per step read back into
 * `steps.<id>.outputs`, and the action's outputs evaluated from them. An expression or a
 * step kind it does not know is an error, so the test cannot pass on what it did not run.
 */
export interface ActionRun {
  steps: Array<{ name: string; code: number | null; stdout: string; stderr: string; summary: string }>;
  outputs: Record<string, string>;
  /** The code of the first failing step, else 0: what the job sees. */
  code: number;
  stdout: string;
}

export interface ActionContext {
  actionPath: string;
  workspace: string;
  inputs: Record<string, string>;
  event: { name: string; payload: unknown };
  env?: Record<string, string>;
}

interface Step {
  name?: string;
  id?: string;
  shell?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  "working-directory"?: string;
}

interface Action {
  inputs?: Record<string, { default?: string }>;
  outputs?: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

export function runCompositeAction(ctx: ActionContext): ActionRun {
  const action = parse(readFileSync(join(ctx.actionPath, "action.yml"), "utf8")) as Action;
  if (action.runs.using !== "composite") throw new Error(`not a composite action: ${action.runs.using}`);
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs ?? {})) inputs[name] = ctx.inputs[name] ?? spec.default ?? "";
  for (const name of Object.keys(ctx.inputs)) if (!(name in inputs)) throw new Error(`the action has no input ${name}`);

  const temp = mkdtempSync(join(tmpdir(), "nhi-runner-"));
  const eventPath = join(temp, "event.json");
  writeFileSync(eventPath, JSON.stringify(ctx.event.payload));
  const steps: Record<string, Record<string, string>> = {};
  const github: Record<string, string> = { action_path: ctx.actionPath, workspace: ctx.workspace, event_name: ctx.event.name };
  const expand = (text: string) => expandExpressions(text, { inputs, steps, github });

  const result: ActionRun = { steps: [], outputs: {}, code: 0, stdout: "" };
  action.runs.steps.forEach((step, i) => {
    if (step.uses !== undefined || step.run === undefined) throw new Error(`step ${i + 1}: only run steps are supported`);
    if (step.if !== undefined) throw new Error(`step ${i + 1}: if is not supported`);
    if (step.shell !== "bash") throw new Error(`step ${i + 1}: shell ${step.shell ?? "(none)"}: a composite run step needs one, and only bash is supported`);
    if (result.code !== 0) return;
    const output = join(temp, `output-${i}`);
    const summary = join(temp, `summary-${i}`);
    writeFileSync(output, "");
    writeFileSync(summary, "");
    const script = join(temp, `step-${i}.sh`);
    writeFileSync(script, step.run);
    const env: Record<string, string> = {
      ...cleanEnv(),
      ...ctx.env,
      CI: "true",
      GITHUB_ACTIONS: "true",
      GITHUB_ACTION_PATH: ctx.actionPath,
      GITHUB_WORKSPACE: ctx.workspace,
      GITHUB_EVENT_NAME: ctx.event.name,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      RUNNER_TEMP: temp,
    };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(String(v));
    const cwd = step["working-directory"] !== undefined ? expand(step["working-directory"]) : ctx.workspace;
    const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], { cwd, env, encoding: "utf8", timeout: 120_000 });
    if (step.id !== undefined) steps[step.id] = parseOutputFile(readFileSync(output, "utf8"));
    result.steps.push({ name: step.name ?? `step ${i + 1}`, code: r.status, stdout: r.stdout, stderr: r.stderr, summary: readFileSync(summary, "utf8") });
    result.stdout += r.stdout;
    if (r.status !== 0) result.code = r.status ?? 1;
  });
  for (const [name, spec] of Object.entries(action.outputs ?? {})) result.outputs[name] = expand(spec.value);
  return result;
}

/** The variables a runner starts a step with: none of this machine's GITHUB_* or INPUT_*. */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(GITHUB_|INPUT_|RUNNER_)/.test(k)) env[k] = v;
  return { ...env, NO_COLOR: "1" };
}

interface Contexts {
  inputs: Record<string, string>;
  steps: Record<string, Record<string, string>>;
  github: Record<string, string>;
}

function expandExpressions(text: string, c: Contexts): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expr: string) => {
    let m = /^inputs\.([\w-]+)$/.exec(expr);
    if (m) {
      if (!(m[1]! in c.inputs)) throw new Error(`unknown input in \${{ ${expr} }}`);
      return c.inputs[m[1]!]!;
    }
    m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
    if (m) return c.steps[m[1]!]?.[m[2]!] ?? "";
    m = /^github\.(\w+)$/.exec(expr);
    if (m && m[1]! in c.github) return c.github[m[1]!]!;
    throw new Error(`unsupported expression \${{ ${expr} }}`);
  });
}

/** `name=value` lines and `name<<DELIM` … `DELIM` blocks, as the runner reads $GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === "") continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      if (end < 0) throw new Error(`output ${heredoc[1]}: no closing ${heredoc[2]}`);
      out[heredoc[1]!] = lines.slice(i + 1, end).join("\n");
      i = end;
      continue;
    }
    const eq = line.indexOf("=");
    if (eq < 0) throw new Error(`bad output line: ${line}`);
    out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}
