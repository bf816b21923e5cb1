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
      const path = posix(p);
      files.push({ file: p, rel: inRepository(path) ?? basename(path), named: true });
      continue;
    }
    const entries = await folderFiles(p, collects, (part) => PASSED_OVER.has(part));
    const found: SourceFile[] = [];
    for (const e of entries) {
      const full = join(p, e);
      if (!(await stat(full).catch(() => undefined))?.isFile()) continue;
      // Several folders may be several repositories: their paths keep them, and their secrets, apart.
      // One folder: from `.github/` on where there is one, so naming `.github` itself gives the same ids.
      found.push({ file: full, rel: paths.length > 1 ? posix(full) : (inRepository(posix(full)) ?? posix(e)), named: false });
    }
    if (found.length === 0) problems.push(diagnostic(p, undefined, `folder holds no ${what} files, so no source to discover`));
    files.push(...found);
  }
  return { files: onceEach(files, (f) => f.file), problems };
}
