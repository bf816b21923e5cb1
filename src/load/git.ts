import { execFile } from "node:child_process";
import { maxInputBytes } from "./readText.js";

export interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** git is not installed or not on PATH; each caller says what it needed git for. */
export class GitMissing extends Error {
  override readonly name = "GitMissing";
}

/** Runs git with its arguments as a list (never through a shell); a failing command is a result, not an error. */
export function git(args: readonly string[], cwd: string, opts: { maxBytes?: number } = {}): Promise<GitResult> {
  return new Promise((resolveRun, reject) => {
    execFile("git", args, { cwd, maxBuffer: (opts.maxBytes ?? maxInputBytes()) + 1024, encoding: "utf8" }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === "ENOENT") {
        reject(new GitMissing("git is not installed or not on PATH"));
        return;
      }
      resolveRun({ ok: !err, stdout, stderr });
    });
  });
}
