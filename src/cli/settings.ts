import { applyOverrides } from "../engine/applyOverrides.js";
import { checkRuleOverrides, findConfig, loadConfig, type ProjectConfig } from "../load/loadConfig.js";
import { loadRulePack, NotAPack } from "../load/loadRulePack.js";
import { diagnostic, InputError } from "../load/diagnostic.js";
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
  const pack = await loadRulePack(packDirs(extra)).catch((e: unknown) => {
    // A pack named in the config is pointed at there, as any other mistake in that file.
    const i = !rulesFlags.length && config && e instanceof NotAPack ? config.rulePacks.indexOf(e.dir) : -1;
    if (i < 0 || !config) throw e;
    const given = String((config.doc.data as { rulePacks: unknown[] }).rulePacks[i]);
    const resolved = config.rulePacks[i]!;
    const where = resolved === given ? "" : ` (${resolved}, relative to the config's folder)`;
    throw new InputError([diagnostic(config.file, config.doc.locate(["rulePacks", i]), `rulePacks[${i}]: ${JSON.stringify(given)}${where} is ${NotAPack.why}`)], new Map([[config.file, config.text]]));
  });
  if (!config || Object.keys(config.rules).length === 0) return { pack, changes: [] };
  checkRuleOverrides(config, new Set([...pack.rules.map((r) => r.id), ...pack.changes.map((c) => c.id)]));
  return applyOverrides(pack, config.rules, config.file);
}

/** Config changes go to stderr with the other notes: listed every run, never hidden. */
export function reportChanges(changes: readonly string[], quiet: boolean | undefined): void {
  if (!quiet) for (const c of changes) process.stderr.write(`note: ${redactText(c)}\n`);
}
