import { dirname, isAbsolute, join, resolve } from "node:path";
import { didYouMean } from "./closest.js";
import { diagnostic, InputError } from "./diagnostic.js";
import { loadDocument } from "./loadDocument.js";
import { readText } from "./readText.js";
import { CONFIG_FILE_NAME, ConfigFile } from "./schema/config.js";
import type { Severity } from "./schema/common.js";
import type { SourceDoc } from "./sourceDoc.js";
import { exists, isFile } from "./pathKind.js";

/** A project config with its paths resolved against the folder it lives in. */
export interface ProjectConfig {
  file: string;
  inventory?: string;
  /** Source paths the gate discovers its inventory from. */
  discover?: string[];
  waivers?: string;
  rulePacks: string[];
  failOn?: Severity;
  rules: Record<string, "off" | Severity>;
  doc: SourceDoc;
  text: string;
}

/**
 * The nearest .nhi-triage.yaml from `start` upward, as git finds .gitignore files, and
 * like them never above the repository's root (a folder holding `.git`, a folder or, in a
 * worktree or submodule, a file): a config in a folder that merely holds a checkout is
 * not that project's.
 */
export async function findConfig(start: string): Promise<string | undefined> {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (await isFile(candidate)) return candidate;
    if (dirname(dir) === dir || (await exists(join(dir, ".git")))) return undefined;
  }
}

/** `folder` is what its paths are relative to: its own folder, unless it was read from elsewhere (a base commit). */
export async function loadConfig(file: string, folder = dirname(file)): Promise<ProjectConfig> {
  const text = await readText(file);
  const { value, doc } = loadDocument(file, text, ConfigFile, "Config");
  const at = (p: string) => (isAbsolute(p) ? p : join(folder, p));
  return {
    file,
    ...(value.inventory ? { inventory: at(value.inventory) } : {}),
    ...(value.discover ? { discover: value.discover.map(at) } : {}),
    ...(value.waivers ? { waivers: at(value.waivers) } : {}),
    rulePacks: (value.rulePacks ?? []).map(at),
    ...(value.failOn ? { failOn: value.failOn } : {}),
    rules: value.rules ?? {},
    doc,
    text,
  };
}

/** Overrides naming a rule that does not exist would silently do nothing: an input error. */
export function checkRuleOverrides(config: ProjectConfig, ruleIds: ReadonlySet<string>): void {
  const diags = Object.keys(config.rules)
    .filter((id) => !ruleIds.has(id))
    .map((id) => diagnostic(config.file, config.doc.locateKey(["rules", id]), `unknown rule "${id}"${didYouMean(id, ruleIds)}`));
  if (diags.length) throw new InputError(diags, new Map([[config.file, config.text]]));
}
