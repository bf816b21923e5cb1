import { spawnSync } from "node:child_process";
import { ROOT } from "../helpers.js";

export interface Run {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Where the runner says a workflow runs: the gate's paths and links follow it, so a test run inside GitHub Actions sets it only on purpose. */
const GITHUB_PLACE = ["GITHUB_WORKSPACE", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA", "GITHUB_RUN_ID"];
const hermetic = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !GITHUB_PLACE.includes(k)));

/** Runs the built CLI the way a user does, without colour, from the repository root. */
export function run(args: string[], opts: { input?: string; cwd?: string; env?: Record<string, string> } = {}): Run {
  const r = spawnSync(process.execPath, [`${ROOT}bin/nhi-triage`, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input ?? "",
    encoding: "utf8",
    env: { ...hermetic(), NO_COLOR: "1", ...opts.env },
    timeout: 60_000,
    // A large inventory's report is many megabytes; the default would cut it at one.
    maxBuffer: 256 * 1024 * 1024,
  });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}
