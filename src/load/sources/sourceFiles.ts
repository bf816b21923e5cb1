import { stat } from "node:fs/promises";
import { basename, join, sep } from "node:path";
import { diagnostic, type Diagnostic } from "../diagnostic.js";
import { folderFiles, onceEach } from "../folderFiles.js";

export interface SourceFile {
  /** As the user's path names it, for messages and provenance. */
  file: string;
  /** Inside its repository (from `.github/` on), else inside the folder searched: what ids are made of. */
  rel: string;
  /** Named on the command line rather than found in a folder: it must be some source. */
  named: boolean;
}

/** Never sources: version control and installed packages. */
const PASSED_OVER = new Set([".git", "node_modules"]);

const posix = (p: string) => p.split(sep).join("/");

/** From `.github/` on when the path has one: the repository-relative path whatever folder was named. */
function inRepository(path: string): string | undefined {
  const i = path.lastIndexOf(".github/");
  return i === -1 || (i > 0 && path[i - 1] !== "/") ? undefined : path.slice(i);
}

/**
 * A source as discover names it: `given` as on the command line, `entry` the file's path
 * inside that folder (undefined when `given` is the file). Also how a base commit's files
 * are named, so the same file gives the same ids on both sides of a gate.
 */
export function sourceFileAt(given: string, entry: string | undefined, paths: number): SourceFile {
  if (entry === undefined) {
    const path = posix(given);
    return { file: given, rel: inRepository(path) ?? basename(path), named: true };
  }
  const full = join(given, entry);
  // Several folders may be several repositories: their paths keep them, and their secrets, apart.
  // One folder: from `.github/` on where there is one, so naming `.github` itself gives the same ids.
  return { file: full, rel: paths > 1 ? posix(full) : (inRepository(posix(full)) ?? entry), named: false };
}

export const noSourceFiles = (what: string): string => `folder holds no ${what} files, so no source to discover`;

/** Folder walks collect these files: a base commit's tree is walked the same way. */
export const passedOver = (part: string): boolean => PASSED_OVER.has(part);

/**
 * Files as given, folders searched recursively for the files some reader collects, in code-point order of their paths,
 * so a run reads (and numbers) them the same way on every machine.
 */
export async function sourceFiles(paths: readonly string[], collects: (name: string) => boolean, what: string): Promise<{ files: SourceFile[]; problems: Diagnostic[] }> {
  const files: SourceFile[] = [];
  const problems: Diagnostic[] = [];
  for (const p of paths) {
    const st = await stat(p).catch(() => undefined);
    if (!st) {
      problems.push(diagnostic(p, undefined, "file not found"));
      continue;
    }
    if (!st.isDirectory()) {
      files.push(sourceFileAt(p, undefined, paths.length));
      continue;
    }
    const entries = await folderFiles(p, collects, passedOver);
    const found: SourceFile[] = [];
    for (const e of entries) {
      if (!(await stat(join(p, e)).catch(() => undefined))?.isFile()) continue;
      found.push(sourceFileAt(p, e, paths.length));
    }
    if (found.length === 0) problems.push(diagnostic(p, undefined, noSourceFiles(what)));
    files.push(...found);
  }
  return { files: onceEach(files, (f) => f.file), problems };
}
