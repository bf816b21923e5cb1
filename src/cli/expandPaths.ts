import { stat } from "node:fs/promises";
import { join } from "node:path";
import { diagnostic, type Diagnostic } from "../load/diagnostic.js";
import { folderFiles, onceEach } from "../load/folderFiles.js";
import { aboutTheFolder, SCANNED } from "../load/ticketFiles.js";

export interface Expanded {
  files: string[];
  /** Paths that do not exist or hold no YAML, reported like unreadable files. */
  problems: Diagnostic[];
  /** True when a folder or several files were given: the output is a batch. */
  batch: boolean;
  /** Files found by searching a folder rather than named by the user. */
  discovered: ReadonlySet<string>;
  /** Files a folder search passed over by their names (README.md, CHANGELOG.md…). */
  passed: string[];
}

/**
 * Files as given, folders searched recursively for incidents and tickets (*.yaml, *.yml,
 * *.json, *.md, *.markdown, *.txt) in a stable order, passing over README-like files.
 */
export async function expandPaths(paths: readonly string[]): Promise<Expanded> {
  const files: string[] = [];
  const problems: Diagnostic[] = [];
  let batch = paths.length > 1;
  const discovered = new Set<string>();
  const passed: string[] = [];
  for (const p of paths) {
    if (p === "-") {
      files.push(p);
      continue;
    }
    const st = await stat(p).catch(() => undefined);
    if (!st) {
      problems.push(diagnostic(p, undefined, "file not found"));
    } else if (st.isDirectory()) {
      batch = true;
      const candidates = (await folderFiles(p, (e) => SCANNED.test(e), (part) => part.startsWith(".") || part === "node_modules")).map((e) => join(p, e));
      const found = candidates.filter((f) => !aboutTheFolder(f));
      passed.push(...candidates.filter((f) => aboutTheFolder(f)));
      if (found.length === 0) problems.push(diagnostic(p, undefined, "folder holds no incident or ticket files (*.yaml, *.yml, *.json, *.md, *.txt)"));
      for (const f of found) files.push(f);
      found.forEach((f) => discovered.add(f));
    } else files.push(p);
  }
  return { files: onceEach(files, (f) => f), problems, batch, discovered, passed };
}
