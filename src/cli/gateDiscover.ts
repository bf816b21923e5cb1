import { realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { collectsSource, discoverFiles } from "../discover/discoverFiles.js";
import type { DiscoverSettings } from "../discover/discoverSettings.js";
import { layOverlay } from "../discover/layOverlay.js";
import type { BaseTree } from "../load/baseTree.js";
import { diagnostic, InputError, type Diagnostic } from "../load/diagnostic.js";
import { git } from "../load/git.js";
import { repoPath } from "../load/readBase.js";
import { decodeText, maxInputBytes, readText } from "../load/readText.js";
import { sourceFiles } from "../load/sources/sourceFiles.js";
import { formatInventory } from "../report/formatInventory.js";
import { baseSources } from "./baseSources.js";
import type { BaseLoad } from "./loadBase.js";
import { loadBaseText } from "./loadBase.js";

export interface DiscoverGate {
  paths: string[];
  settings: DiscoverSettings;
  overlay?: string;
}

export interface DiscoveredHead {
  /** What reports name as the inventory: the paths, marked as discovered. */
  label: string;
  /** The discovered inventory as discover would write it, loaded by the gate like a file. */
  text: string;
  warnings: Diagnostic[];
  sources: Map<string, string>;
}

export const discoveredLabel = (paths: readonly string[]): string => `${paths.join(", ")} (discovered)`;

/**
 * The head's inventory, discovered in memory. Fails closed: a source that cannot be read,
 * a path with no source, or a symbolic link leading out of the repository is an InputError
 * (exit 2), never an inventory with less in it.
 */
export async function discoverHead(d: DiscoverGate): Promise<DiscoveredHead> {
  const { files, problems } = await sourceFiles(d.paths, collectsSource, "source");
  const root = await treeRoot();
  const escapes: Diagnostic[] = [];
  for (const f of files) {
    const real = await realpath(f.file).catch(() => undefined);
    if (real === undefined || real === resolve(f.file)) continue;
    const r = relative(root, real);
    if (r === ".." || r.startsWith("../") || isAbsolute(r)) {
      escapes.push(diagnostic(f.file, undefined, `is a symbolic link leading outside ${root}; the gate does not follow it (a pull request could point it at any file of the runner)`));
    }
  }
  const bad = new Set(escapes.map((e) => e.file));
  const found = await discoverFiles(files.filter((f) => !bad.has(f.file)), (f) => readText(f.file), d.settings);
  const errors = [...problems, ...escapes, ...found.errors];
  let inventory = found.inventory;
  if (d.overlay !== undefined && errors.length === 0) {
    const text = await readText(d.overlay);
    found.sources.set(d.overlay, text);
    try {
      inventory = layOverlay(inventory, d.overlay, text, found.warnings);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      errors.push(...e.diagnostics);
    }
  }
  if (errors.length) throw new InputError([...errors, ...found.warnings], found.sources);
  return { label: discoveredLabel(d.paths), text: formatInventory(inventory), warnings: found.warnings, sources: found.sources };
}

/** The repository the working folder is in (its real path), else the working folder: where a link may lead. */
async function treeRoot(): Promise<string> {
  const cwd = await realpath(process.cwd());
  const top = await git(["rev-parse", "--show-toplevel"], cwd).catch(() => undefined);
  return top?.ok ? await realpath(top.stdout.trim()).catch(() => cwd) : cwd;
}

/**
 * The same paths discovered at the base commit, read from git. Any problem there (a source
 * that does not read, a link out of the repository) makes the base invalid, which the gate
 * judges as "every finding new": a broken base can fail a pull request, never pass one.
 */
export async function discoverBase(tree: BaseTree, d: DiscoverGate): Promise<BaseLoad> {
  const label = `${tree.base.ref}:${discoveredLabel(d.paths)}`;
  const src = await baseSources(tree, d.paths, collectsSource);
  const found = await discoverFiles(src.files, src.read, d.settings);
  const problems = [...src.problems, ...found.errors.map((e) => ({ ...e, file: src.label(e.file) }))];
  let inventory = found.inventory;
  if (problems.length === 0 && d.overlay !== undefined) {
    const overlay = await baseOverlay(tree, d.overlay);
    if (overlay.kind === "problem") problems.push(overlay.problem);
    else if (overlay.kind === "text") {
      try {
        inventory = layOverlay(inventory, overlay.label, overlay.text, []);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        problems.push(...e.diagnostics);
      }
    }
  }
  if (problems.length) return { kind: "invalid", label, diagnostics: problems };
  if (src.files.length === 0) return { kind: "absent", label };
  return loadBaseText(label, formatInventory(inventory));
}

type BaseOverlay = { kind: "none" } | { kind: "text"; label: string; text: string } | { kind: "problem"; problem: Diagnostic };

/** The overlay as the base commit has it when it lies in the repository (the pull request may edit it), else the file itself. */
async function baseOverlay(tree: BaseTree, file: string): Promise<BaseOverlay> {
  const rel = await repoPath(tree.base.top, file);
  if (rel === undefined) return { kind: "text", label: file, text: await readText(file) };
  const label = `${tree.base.ref}:${rel}`;
  const found = await tree.lookup(rel);
  if (found.kind === "absent") return { kind: "none" };
  if (found.kind !== "blob") return { kind: "problem", problem: diagnostic(label, undefined, "the overlay is not a file in the base commit (a folder or a symbolic link)") };
  if (found.size > maxInputBytes()) return { kind: "problem", problem: diagnostic(label, undefined, "the overlay is larger than --max-input") };
  const body = (await tree.blobs([found.object])).get(found.object) ?? Buffer.alloc(0);
  try {
    return { kind: "text", label, text: decodeText(label, body, "a YAML text file") };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { kind: "problem", problem: e.diagnostics[0]! };
  }
}

