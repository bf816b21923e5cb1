import { realpath } from "node:fs/promises";
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from "node:path";
import { UsageError } from "./diagnostic.js";
import { git, GitMissing } from "./git.js";
import { readText } from "./readText.js";
import { isFile } from "./pathKind.js";

export type BaseSource =
  | { kind: "file"; label: string; text: string }
  | { kind: "git"; label: string; text: string }
  /** The ref exists but the inventory did not yet: everything in the head is new. */
  | { kind: "absent"; label: string };

/** What `--base` names once resolved: plain data, so a worker thread can be given it. */
export type BaseRef =
  | { kind: "file"; given: string; path: string }
  /** `top` is the repository's root folder, `sha` the commit `ref` names. */
  | { kind: "git"; given: string; ref: string; sha: string; top: string };

export const GIT_PREFIX = "git:";
export const FILE_PREFIX = "file:";

type Lookup = { kind: "commit"; ref: Extract<BaseRef, { kind: "git" }> } | { kind: "none"; why: string; noGit?: true };

/** Whether `ref` is a commit of the repository holding `dir`, and if not, why, in words. */
async function lookupCommit(given: string, ref: string, dir: string): Promise<Lookup> {
  try {
    const top = await git(["rev-parse", "--show-toplevel"], dir);
    if (!top.ok) return { kind: "none", why: `${dir} is not inside a git repository` };
    const commit = await git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], dir);
    if (!commit.ok) return { kind: "none", why: "not a commit in this repository. Check the name, or fetch it first (in GitHub Actions: actions/checkout with fetch-depth: 0)." };
    return { kind: "commit", ref: { kind: "git", given, ref, sha: commit.stdout.trim(), top: top.stdout.trim() } };
  } catch (e) {
    if (e instanceof GitMissing) return { kind: "none", why: e.message, noGit: true };
    throw e;
  }
}

/**
 * `--base git:REF` is a commit and `--base file:PATH` a file. Without a prefix the value is
 * looked up as a commit first: the pull request controls the working folder, so a file
 * it adds must never stand in for the commit of the same name, and a value that is both
 * is refused. `dir` is a folder in the repository (the head inventory's); undefined when
 * the head is read from stdin, where only a file can be the base.
 */
export async function resolveBase(given: string, dir: string | undefined): Promise<BaseRef> {
  if (given.startsWith(FILE_PREFIX)) {
    const path = given.slice(FILE_PREFIX.length);
    if (path === "") throw new UsageError(`--base ${given}: expected a file after ${FILE_PREFIX}`);
    if (!(await isFile(path))) throw new UsageError(`--base ${given}: no such file`);
    return { kind: "file", given, path };
  }
  if (given.startsWith(GIT_PREFIX)) {
    const ref = given.slice(GIT_PREFIX.length);
    if (ref === "" || ref.startsWith("-")) throw new UsageError(`--base ${given}: expected a git ref after ${GIT_PREFIX}`);
    if (dir === undefined) throw new UsageError(`--base ${given}: a git ref needs the head inventory as a file in a repository, not stdin`);
    const found = await lookupCommit(given, ref, dir);
    if (found.kind === "none") throw new UsageError(`--base ${given}: ${found.why}`);
    return found.ref;
  }
  if (given.startsWith("-")) throw new UsageError(`--base ${given}: expected a file or a git ref`);
  const file = await isFile(given);
  if (dir === undefined) {
    if (file) return { kind: "file", given, path: given };
    throw new UsageError(`--base ${given}: no such file, and a git ref needs the head inventory as a file in a repository, not stdin`);
  }
  const found = await lookupCommit(given, given, dir);
  if (found.kind === "commit" && file) {
    throw new UsageError(`--base ${given}: ambiguous: both a commit of this repository and a file; write --base ${GIT_PREFIX}${given} or --base ${FILE_PREFIX}${given}`);
  }
  if (found.kind === "commit") return found.ref;
  if (file) return { kind: "file", given, path: given };
  throw new UsageError(`--base ${given}: no such file${found.noGit ? "; --base names a git ref, but " : ", and "}${found.why}`);
}

/** The folder of `file`, or of the nearest ancestor that exists: where git is asked about the repository. */
export async function folderOf(file: string): Promise<string> {
  const real = await realpath(file).catch(() => undefined);
  if (real !== undefined) return dirname(real);
  for (let dir = dirname(resolve(file)); ; dir = dirname(dir)) {
    const real = await realpath(dir).catch(() => undefined);
    if (real !== undefined || dirname(dir) === dir) return real ?? dir;
  }
}

/**
 * `file` as a path from the repository's root, with forward slashes; undefined when it lies
 * outside. Worked out from the path as written, never by following symbolic links: the pull
 * request controls the links in its checkout, and one must not turn the path the gate was
 * told to read from the base commit into another.
 */
export async function repoPath(top: string, file: string): Promise<string | undefined> {
  const inside = (rel: string) => rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
  const cwd = process.cwd();
  const here = relative(top, await realpath(cwd).catch(() => cwd));
  const candidates = [...(inside(here) ? [join(here, relative(cwd, resolve(file)))] : []), relative(top, resolve(file))];
  const rel = candidates.map(normalize).find((r) => inside(r === "." ? "" : r));
  if (rel !== undefined) return rel === "." ? "" : rel.split(sep).join("/");
  const real = await realpath(file).catch(() => undefined);
  if (real !== undefined && inside(relative(top, real))) {
    throw new UsageError(`${file} leads into the repository ${top} through a symbolic link; name it by its path in the repository`);
  }
  return undefined;
}

/**
 * The base inventory: the file, or the head inventory's own path read from the commit. A
 * commit without the file means "everything is new".
 */
export async function readBase(base: BaseRef, headPath: string): Promise<BaseSource> {
  if (base.kind === "file") return { kind: "file", label: base.path, text: await readText(base.path) };
  const path = await repoPath(base.top, headPath);
  if (path === undefined) throw new UsageError(`--base ${base.given}: the head inventory ${headPath} is outside the repository ${base.top}`);
  const label = `${base.ref}:${path}`;
  const exists = await git(["cat-file", "-e", `${base.sha}:${path}`], base.top);
  if (!exists.ok) return { kind: "absent", label };
  const shown = await git(["show", `${base.sha}:${path}`], base.top);
  if (!shown.ok) throw new UsageError(`--base ${base.given}: git could not read ${path} at that commit: ${shown.stderr.trim()}`);
  return { kind: "git", label, text: shown.stdout };
}
