import { applyOverrides } from "../engine/applyOverrides.js";
import { checkRuleOverrides, findConfig, loadConfig, type ProjectConfig } from "../load/loadConfig.js";
import { loadRulePack } from "../load/loadRulePack.js";
import type { RulePack } from "../load/rulePack.js";
import { packDirs } from "./packDirs.js";
import { redactText } from "../redact/redactText.js";

/** `--config FILE`, `--no-config` (false), or nothing: look upward from the working folder. */
export type ConfigChoice = string | false | undefined;

export async function projectConfig(choice: ConfigChoice): Promise<ProjectConfig | undefined> {
  if (choice === false) return undefined;
  const file = choice ?? (await findConfig(process.cwd()));
  return file ? loadConfig(file) : undefined;
}

export interface LoadedPack {
  pack: RulePack;
  /** What the project config changed, in words, for every report to list. */
  changes: string[];
}

/**
 * The built-in pack plus extra packs: the command line's `--rules` when given (flags win),
 * else the config's rulePacks; then the config's rule overrides, each one reported.
 */
export async function loadPackFor(rulesFlags: readonly string[], config: ProjectConfig | undefined): Promise<LoadedPack> {
  const extra = rulesFlags.length ? rulesFlags : (config?.rulePacks ?? []);
  const pack = await loadRulePack(packDirs(extra));
  if (!config || Object.keys(config.rules).length === 0) return { pack, changes: [] };
  checkRuleOverrides(config, new Set([...pack.rules.map((r) => r.id), ...pack.changes.map((c) => c.id)]));
  return applyOverrides(pack, config.rules, config.file);
}

/** Config changes go to stderr with the other notes: listed every run, never hidden. */
export function reportChanges(changes: readonly string[], quiet: boolean | undefined): void {
  if (!quiet) for (const c of changes) process.stderr.write(`note: ${redactText(c)}\n`);
}
