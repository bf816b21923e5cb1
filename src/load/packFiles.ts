import { lstat, readdir, realpath, stat } from "node:fs/promises";
import { isAbsolute, join, relative } from "node:path";
import { compareStrings } from "../engine/compare.js";
import { diagnostic, type Diagnostic } from "./diagnostic.js";
import { PACK_LIMITS } from "./rulePack.js";
import { megabytes, readText } from "./readText.js";

/** Whether `path` (already resolved) is `root` or lies under it. */
export function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** The folder a pack's files must stay in, with symbolic links resolved; undefined when it does not exist. */
export async function packRoot(dir: string): Promise<string | undefined> {
  return realpath(dir).catch(() => undefined);
}

const WHOLE_FILE = { line: 1, column: 1 };

/**
 * Why a pack may not read `path`, or undefined when it may: a pack reads its own folder and
 * nothing else, so a symbolic link (the file's or a folder's on the way) that leads
 * outside it is refused, as is anything but a regular file (a FIFO would block the
 * loader forever) and a file over the pack file size limit.
 */
export async function packFileProblem(root: string, path: string, dir: string): Promise<Diagnostic | undefined> {
  const real = await realpath(path).catch(() => undefined);
  if (real === undefined) return diagnostic(path, undefined, "cannot be read (a broken symbolic link?)");
  if (!within(root, real)) {
    const link = await lstat(path).then((s) => s.isSymbolicLink(), () => false);
    const what = link ? `a symbolic link to ${real}` : `reached through a symbolic link, it is ${real}`;
    return diagnostic(path, WHOLE_FILE, `${what}, outside the rule pack ${dir}: a pack may only read its own folder`);
  }
  const st = await stat(real);
  if (!st.isFile()) return diagnostic(path, WHOLE_FILE, "not a regular file: a rule pack holds YAML files");
  if (st.size > PACK_LIMITS.fileBytes) {
    return diagnostic(path, WHOLE_FILE, `file is ${(st.size / 1048576).toFixed(1)} MB; a rule pack file may be at most ${megabytes(PACK_LIMITS.fileBytes)} MB`);
  }
  return undefined;
}

/** A pack file's text, under the pack file size limit. */
export function readPackFile(path: string): Promise<string> {
  return readText(path, {
    maxBytes: PACK_LIMITS.fileBytes,
    tooLarge: (size, max) => `file is ${size === undefined ? "larger than that" : `${(size / 1048576).toFixed(1)} MB`}; a rule pack file may be at most ${megabytes(max)} MB`,
  });
}

/**
 * The `*.yaml` and `*.yml` files of one of a pack's folders, in code-point order. The folder
 * itself must lie inside the pack (a `rules` link to elsewhere is refused like a file).
 */
export async function packFolderFiles(root: string, folder: string, dir: string): Promise<{ files: string[]; problems: Diagnostic[] }> {
  const real = await realpath(folder).catch(() => undefined);
  if (real === undefined) return { files: [], problems: [] };
  if (!within(root, real)) {
    return { files: [], problems: [diagnostic(folder, WHOLE_FILE, `a symbolic link to ${real}, outside the rule pack ${dir}: a pack may only read its own folder`)] };
  }
  if (!(await stat(real)).isDirectory()) return { files: [], problems: [] };
  const names = (await readdir(folder)).filter((f) => /\.ya?ml$/.test(f)).sort(compareStrings);
  return { files: names.map((f) => join(folder, f)), problems: [] };
}
