import { execFile } from "node:child_process";
import { realpath } from "node:fs/promises";
import { dirname, relative, sep } from "node:path";
import { UsageError } from "./diagnostic.js";
import { maxInputBytes, readText } from "./readText.js";
import { isFile } from "./pathKind.js";

export type BaseSource =
  | { kind: "file"; label: string; text: string }
  | { kind: "git"; label: string; text: string }
  /** The ref exists but the inventory did not yet: everything in the head is new. */
  | { kind: "absent"; label: string };

interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

function git(args: readonly string[], cwd: string): Promise<GitResult> {
  return new Promise((resolveRun, reject) => {
    execFile("git", args, { cwd, maxBuffer: maxInputBytes() + 1024, encoding: "utf8" }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === "ENOENT") {
        reject(new UsageError("--base names a git ref, but git is not installed or not on PATH"));
        return;
      }
      resolveRun({ ok: !err, stdout, stderr });
    });
  });
}

/**
 * `--base` is a file when one exists at that path, otherwise a git ref: the head
 * inventory's own path is read from that commit. A ref git cannot resolve is an error
 * (the gate fails closed); a commit without the file means "everything is new".
 */
export async function readBase(base: string, headPath: string): Promise<BaseSource> {
  if (await isFile(base)) return { kind: "file", label: base, text: await readText(base) };
  if (base.startsWith("-")) throw new UsageError(`--base ${base}: expected a file or a git ref`);
  if (headPath === "-") throw new UsageError(`--base ${base}: no such file, and a git ref needs the head inventory as a file in a repository, not stdin`);
  const head = await realpath(headPath).catch(() => headPath);
  const dir = dirname(head);
  const top = await git(["rev-parse", "--show-toplevel"], dir).catch((e: unknown) => {
    if (e instanceof UsageError) throw new UsageError(`--base ${base}: no such file; ${e.message}`);
    throw e;
  });
  if (!top.ok) throw new UsageError(`--base ${base}: no such file, and ${dir} is not inside a git repository`);
  const commit = await git(["rev-parse", "--verify", "--quiet", `${base}^{commit}`], dir);
  if (!commit.ok) {
    throw new UsageError(
      `--base ${base}: no such file, and not a commit in this repository. ` +
        "Check the name, or fetch it first (in GitHub Actions: actions/checkout with fetch-depth: 0).",
    );
  }
  const sha = commit.stdout.trim();
  const path = relative(top.stdout.trim(), head).split(sep).join("/");
  const label = `${base}:${path}`;
  const exists = await git(["cat-file", "-e", `${sha}:${path}`], dir);
  if (!exists.ok) return { kind: "absent", label };
  const shown = await git(["show", `${sha}:${path}`], dir);
  if (!shown.ok) throw new UsageError(`--base ${base}: git could not read ${path} at that commit: ${shown.stderr.trim()}`);
  return { kind: "git", label, text: shown.stdout };
}
