import { applyOverrides } from "../engine/applyOverrides.js";
import { checkRuleOverrides, findConfig, loadConfig, type ProjectConfig } from "../load/loadConfig.js";
import { loadRulePack, NotAPack } from "../load/loadRulePack.js";
import { diagnostic, InputError } from "../load/diagnostic.js";
import type { RulePack } from "../load/rulePack.js";
import { packDirs } from "./packDirs.js";
import { redactText } from "../redact/redactText.js";
import type { ConfigChange, Location } from "../gate/types.js";
import type { Severity } from "../load/schema/common.js";
import type { Position } from "../load/sourceDoc.js";
import { displayPath } from "./displayPath.js";

/** The gate's --fail-on when neither the flag nor the config sets one. */
export const DEFAULT_FAIL_ON: Severity = "high";

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
  changes: ConfigChange[];
}

/**
 * The built-in pack plus extra packs: the command line's `--rules` when given (flags win),
 * else the config's rulePacks; then the config's rule overrides, each one reported.
 */
export async function loadPackFor(rulesFlags: readonly string[], config: ProjectConfig | undefined): Promise<LoadedPack> {
  return withOverrides(await loadPacks(packsFor(rulesFlags, config), rulesFlags.length ? undefined : config), config);
}

/** The pack folders to load, the built-in one first: `--rules` when given, else the config's. */
export function packsFor(rulesFlags: readonly string[], config: ProjectConfig | undefined): string[] {
  return packDirs(rulesFlags.length ? rulesFlags : (config?.rulePacks ?? []));
}

/**
 * Loads pack folders as one pack. `reading` maps a folder to where its files are read
 * from instead (a copy of a base commit's); `config`, when it named them, is where a
 * folder that is no pack is pointed at.
 */
export async function loadPacks(dirs: readonly string[], config: ProjectConfig | undefined, reading: ReadonlyMap<string, string> = new Map()): Promise<RulePack> {
  return loadRulePack(dirs.map((d) => reading.get(d) ?? d)).catch((e: unknown) => {
    // A pack named in the config is pointed at there, as any other mistake in that file.
    const i = config && e instanceof NotAPack ? config.rulePacks.findIndex((d) => (reading.get(d) ?? d) === e.dir) : -1;
    if (i < 0 || !config) throw e;
    const given = String((config.doc.data as { rulePacks: unknown[] }).rulePacks[i]);
    const resolved = config.rulePacks[i]!;
    const where = resolved === given ? "" : ` (${resolved}, relative to the config's folder)`;
    throw new InputError([diagnostic(config.file, config.doc.locate(["rulePacks", i]), `rulePacks[${i}]: ${JSON.stringify(given)}${where} is ${NotAPack.why}`)], new Map([[config.file, config.text]]));
  });
}

/** A pack with the config's rule overrides applied, each one reported where the config says it. */
export function withOverrides(pack: RulePack, config: ProjectConfig | undefined): LoadedPack {
  if (!config || Object.keys(config.rules).length === 0) return { pack, changes: [] };
  checkRuleOverrides(config, new Set([...pack.rules.map((r) => r.id), ...pack.changes.map((c) => c.id)]));
  const applied = applyOverrides(pack, config.rules, config.file);
  const changes = applied.changes.map((c): ConfigChange => ({ kind: "rule", rule: c.rule, message: c.message, ...placeIn(config, config.doc.locateKey(["rules", c.rule])) }));
  return { pack: applied.pack, changes };
}

/** A position in a config file as reports give it: the path as typed from here, lines from 1. */
export function placeIn(config: ProjectConfig, pos: Position | undefined): { location: Location } {
  return { location: { file: displayPath(config.file), line: Math.max(1, pos?.line ?? 1), column: Math.max(1, pos?.column ?? 1) } };
}

/** The gate's bar, when the config moves it from the default and no --fail-on overrides it. */
export function failOnChange(config: ProjectConfig | undefined, flag: Severity | undefined): ConfigChange[] {
  if (!config?.failOn || flag !== undefined || config.failOn === DEFAULT_FAIL_ON) return [];
  return [{ kind: "failOn", message: `failOn ${config.failOn} by ${config.file} (default ${DEFAULT_FAIL_ON})`, ...placeIn(config, config.doc.locate(["failOn"])) }];
}

/**
 * Config changes go to stderr with the other notes, listed every run; --quiet hides the
 * rule overrides but never a moved failOn, which changes what every finding is judged by.
 */
export function reportChanges(changes: readonly ConfigChange[], quiet: boolean | undefined): void {
  for (const c of changes) if (!quiet || c.kind === "failOn") process.stderr.write(`note: ${redactText(c.message)}\n`);
}
