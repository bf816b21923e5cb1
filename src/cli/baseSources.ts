import { posix } from "node:path";
import { UsageError, diagnostic, type Diagnostic } from "../load/diagnostic.js";
import type { BaseTree } from "../load/baseTree.js";
import { repoPath } from "../load/readBase.js";
import { decodeText, maxInputBytes, megabytes } from "../load/readText.js";
import { passedOver, sourceFileAt, type SourceFile } from "../load/sources/sourceFiles.js";

export interface BaseSources {
  /** Named as the head's files are (the checkout's paths), so both sides make the same ids. */
  files: SourceFile[];
  /** A file's text at the base commit; throws an InputError naming it as the commit's when it is no text. */
  read(f: SourceFile): Promise<string>;
  /** How a file is named in messages: `main:.github/workflows/ci.yml`. */
  label(file: string): string;
  /** What could not be read at all (a symbolic link leading outside the repository, a file too large). */
  problems: Diagnostic[];
}

interface Found {
  file: SourceFile;
  /** Its path in the repository, for messages. */
  at: string;
  object: string;
  size: number;
}

const LINK = "120000";

/**
 * The sources under `paths` as the base commit holds them, read from git and never from
 * the checkout, which the pull request controls. A path the commit does not have yet gives
 * nothing (everything there is new). Folders are walked as discover walks them on disk:
 * the same names collected, the same order. A symbolic link is followed only to a file of
 * the same commit, as a checkout of it would; one leading out of the repository is a problem.
 */
export async function baseSources(tree: BaseTree, paths: readonly string[], collects: (name: string) => boolean): Promise<BaseSources> {
  const { base } = tree;
  const found: Found[] = [];
  const problems: Diagnostic[] = [];
  const links: Array<{ file: SourceFile; at: string; object: string }> = [];
  for (const p of paths) {
    const rel = await repoPath(base.top, p);
    if (rel === undefined) throw new UsageError(`--base ${base.given}: ${p} is outside the repository ${base.top}; the gate discovers the same paths in the base commit`);
    const entry = await tree.lookup(rel);
    if (entry.kind === "absent") continue;
    if (entry.kind === "link") {
      problems.push(diagnostic(`${base.ref}:${entry.at}`, undefined, "is a symbolic link in the base commit; the gate does not follow a named path's links there"));
      continue;
    }
    if (entry.kind === "blob") {
      found.push({ file: sourceFileAt(p, undefined, paths.length), at: rel, object: entry.object, size: entry.size });
      continue;
    }
    const entries = (await tree.list(entry.object, true))
      .filter((e) => collects(e.path) && !e.path.split("/").some(passedOver))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const e of entries) {
      const at = rel === "" ? e.path : `${rel}/${e.path}`;
      const file = sourceFileAt(p, e.path, paths.length);
      if (e.mode === LINK) links.push({ file, at, object: e.object });
      else if (e.type === "blob") found.push({ file, at, object: e.object, size: e.size ?? 0 });
    }
  }
  // A link's target is its content: where it leads, resolved as a checkout would.
  const targets = await tree.blobs(links.map((l) => l.object));
  for (const l of links) {
    const target = posix.normalize(posix.join(posix.dirname(l.at), targets.get(l.object)?.toString("utf8") ?? ""));
    const label = `${base.ref}:${l.at}`;
    if (posix.isAbsolute(target) || target === ".." || target.startsWith("../")) {
      problems.push(diagnostic(label, undefined, "is a symbolic link leading outside the repository; the gate does not follow it"));
      continue;
    }
    const to = await tree.lookup(target);
    if (to.kind === "blob") found.push({ file: l.file, at: l.at, object: to.object, size: to.size });
    else if (to.kind === "link") problems.push(diagnostic(label, undefined, `is a symbolic link to another link (${to.at}); the gate follows one link, not a chain`));
    // A link to a folder, or to nothing, is no file: discover passes it over in a checkout too.
  }
  const max = maxInputBytes();
  for (const f of found) {
    if (f.size > max) problems.push(diagnostic(`${base.ref}:${f.at}`, undefined, `file is ${(f.size / 1048576).toFixed(1)} MB; the limit is ${megabytes(max)} MB (raise it with --max-input <MB>)`));
  }
  const readable = found.filter((f) => f.size <= max);
  const texts = await tree.blobs(readable.map((f) => f.object));
  const labels = new Map(found.map((f) => [f.file.file, `${base.ref}:${f.at}`]));
  const objects = new Map(readable.map((f) => [f.file.file, f.object]));
  return {
    files: readable.map((f) => f.file),
    read: (f) => Promise.resolve(decodeText(f.file, texts.get(objects.get(f.file)!) ?? Buffer.alloc(0), "a YAML, JSON or CSV text file")),
    label: (file) => labels.get(file) ?? file,
    problems,
  };
}
