import { spawnSync } from "node:child_process";
import { ROOT } from "../helpers.js";

export interface Run {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs the built CLI the way a user does, without colour, from the repository root. */
export function run(args: string[], opts: { input?: string; cwd?: string; env?: Record<string, string> } = {}): Run {
  const r = spawnSync(process.execPath, [`${ROOT}bin/nhi-triage`, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input ?? "",
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...opts.env },
    timeout: 60_000,
    // A large inventory's report is many megabytes; the default would cut it at one.
    maxBuffer: 256 * 1024 * 1024,
  });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}
