import { execFile, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";
import { documentedBlocks, type DocBlock, type DocCommand } from "../tools/docBlocks.js";

const exec = promisify(execFile);
const blocks = documentedBlocks(ROOT);
const runnable = blocks.filter((b) => b.notRun === undefined && b.commands.length > 0);
const COMMAND_TIMEOUT = 60_000;

let scratch = "";
let template = "";

/**
 * A fresh clone as a user gets it, after `npm ci && npm run build`: the committed tree plus
 * this checkout's uncommitted edits to tracked files (so the docs being written are the ones
 * tested), this checkout's node_modules linked and its dist/ copied.
 */
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "nhi-docs-"));
  template = join(scratch, "clone");
  const git = (...args: string[]) => spawnSync("git", args, { cwd: ROOT, encoding: "utf8" });
  const cloned = spawnSync("git", ["clone", "--quiet", ROOT, template], { encoding: "utf8" });
  if (cloned.status !== 0) throw new Error(`git clone: ${cloned.stderr}`);
  for (const file of git("diff", "--name-only", "--no-renames", "HEAD").stdout.split("\n").filter(Boolean)) {
    const from = join(ROOT, file);
    if (existsSync(from)) {
      mkdirSync(dirname(join(template, file)), { recursive: true });
      cpSync(from, join(template, file));
    } else rmSync(join(template, file), { force: true });
  }
  symlinkSync(realpathSync(join(ROOT, "node_modules")), join(template, "node_modules"));
  cpSync(join(ROOT, "dist"), join(template, "dist"), { recursive: true });
  mkdirSync(join(scratch, "home"));
}, 60_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/**
 * A shell as a new user has one: no nhi-triage on PATH (so `npx nhi-triage` must find the
 * checkout's own bin), no colour, and npm offline with a cache of its own, so npx can never
 * fetch a package of that name from the registry instead.
 */
function shellEnv(): NodeJS.ProcessEnv {
  return {
    PATH: `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
    HOME: join(scratch, "home"),
    LANG: "C.UTF-8",
    TZ: process.env.TZ ?? "UTC",
    NO_COLOR: "1",
    npm_config_cache: join(scratch, "npm-cache"),
    npm_config_offline: "true",
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
  };
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCommand(command: DocCommand, cwd: string): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn("bash", ["-o", "pipefail", "-c", command.text], { cwd, env: shellEnv(), stdio: ["ignore", "pipe", "pipe"], timeout: COMMAND_TIMEOUT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const tail = (s: string) => s.trimEnd().split("\n").slice(-6).map((l) => `    ${l}`).join("\n");

/** Runs a block's commands one after another in a clone of its own; returns what went wrong. */
async function runBlock(block: DocBlock, index: number): Promise<string[]> {
  const dir = join(scratch, `block-${index}`);
  await exec("cp", ["-a", template, dir]);
  const wrong: string[] = [];
  for (const command of block.commands) {
    const r = await runCommand(command, dir);
    if (r.code !== command.exit) {
      wrong.push(`${block.file}:${command.line}: \`${command.text}\` exited ${r.code ?? "on a signal (timeout?)"}, the docs expect ${command.exit}\n  stderr:\n${tail(r.stderr)}\n  stdout:\n${tail(r.stdout)}`);
      // What follows may need what this one should have made.
      break;
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return wrong;
}

describe("every shell block of the README and docs/*.md runs in a fresh clone", () => {
  it("finds the blocks (so a broken extraction cannot pass vacuously), and each not-run one says why", () => {
    expect(runnable.filter((b) => b.file === "README.md").length).toBeGreaterThanOrEqual(6);
    expect(runnable.flatMap((b) => b.commands).length).toBeGreaterThanOrEqual(30);
    for (const b of blocks.filter((b) => b.notRun !== undefined)) expect(b.notRun, `${b.file}:${b.line}`).not.toBe("");
  });

  it("calls the tool as `npx nhi-triage`, which works in a fresh clone, never as a bare `nhi-triage` (command not found)", () => {
    const bare = runnable.flatMap((b) => b.commands.filter((c) => /(^|[|;&(]\s*)nhi-triage\b/.test(c.text)).map((c) => `${b.file}:${c.line}: ${c.text}`));
    expect(bare).toEqual([]);
  });

  it.concurrent.each(runnable.map((b, i) => [`${b.file}:${b.line}`, b, i] as const))("%s", async (_where, block, index) => {
    expect(await runBlock(block, index)).toEqual([]);
  }, 120_000);
});
