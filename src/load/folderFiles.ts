import { readdir } from "node:fs/promises";
import { relative, sep } from "node:path";

/**
 * The entries under a folder that `accept` takes, as paths relative to it with "/" between
 * parts, passing over any whose path has a part `skip` names (".git", "node_modules"), in
 * code-unit order, so a run reads them the same way on every machine. Folders are listed
 * too when accepted: a caller that wants files checks.
 */
export async function folderFiles(dir: string, accept: (rel: string) => boolean, skip: (part: string) => boolean): Promise<string[]> {
  const entries = (await readdir(dir, { recursive: true })) as string[];
  return entries
    .map((e) => e.split(sep).join("/"))
    .filter((e) => accept(e) && !e.split("/").some(skip))
    .sort();
}

/** Each file once, however often the command line named it (a folder and a file in it). */
export function onceEach<T>(files: readonly T[], path: (f: T) => string): T[] {
  const seen = new Set<string>();
  return files.filter((f) => {
    const key = relative(".", path(f));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
