import { dirname, join, resolve, sep } from "node:path";
import { configWeakenings, type GateSettingsSide, type WeakeningPlaces } from "../gate/configWeakenings.js";
import type { ConfigChange, GateFinding, Location } from "../gate/types.js";
import { BaseTree } from "../load/baseTree.js";
import { UsageError } from "../load/diagnostic.js";
import { loadConfig, type ProjectConfig } from "../load/loadConfig.js";
import { folderOf, repoPath, resolveBase, type BaseRef } from "../load/readBase.js";
import { maxInputBytes } from "../load/readText.js";
import { isDirectory } from "../load/pathKind.js";
import { PACK_LIMITS, type RulePack } from "../load/rulePack.js";
import { CONFIG_FILE_NAME } from "../load/schema/config.js";
import { severityRank, type Severity } from "../load/schema/common.js";
import { comparesEntries } from "../load/schema/rules.js";
import type { Path } from "../load/sourceDoc.js";
import { gateRules } from "../report/GateReport.js";
import { BUILTIN_RULES_DIR } from "./builtinRules.js";
import { displayPath } from "./displayPath.js";
import { removeOnInterrupt } from "./interrupt.js";
import { DEFAULT_FAIL_ON, failOnChange, loadPacks, packsFor, placeIn, projectConfig, withOverrides, type ConfigChoice } from "./settings.js";

export interface GateSettingsOptions {
  inventory?: string;
  /** `--discover` alone (true: the config's paths, else .) or with paths. */
  discover?: string[] | true;
  base?: string;
  waivers?: string;
  rules: readonly string[];
  failOn?: Severity;
  config?: ConfigChoice;
}

/** The rule packs the verdict is judged by, and what the head's settings would weaken. */
export interface GatePacks {
  pack: RulePack;
  changes: ConfigChange[];
  weakenings: GateFinding[];
  /** Rules a waiver may name: the base's and the head's, but never one that reports a weakened gate. */
  waivable: ReadonlySet<string>;
  unwaivable: ReadonlySet<string>;
}

/** What the gate judges: an inventory file, or the inventory discovered from source paths. */
export type GateHead = { kind: "file"; file: string } | { kind: "discover"; paths: string[] };

export interface GateSettings {
  head: GateHead;
  /** The commit's files, when the base is a commit (discovery at the base reads from it). */
  tree: BaseTree | undefined;
  waiversFile: string | undefined;
  failOn: Severity;
  base: BaseRef | undefined;
  /** Loads the rule packs (once the base inventory is on its way). */
  packs(): Promise<GatePacks>;
  /** Removes what was copied out of the base commit. */
  dispose(): Promise<void>;
}

const NEEDS_INVENTORY = "gate needs an inventory: nhi-triage gate <inventory>, nhi-triage gate --discover PATH..., or `inventory:` or `discover:` in .nhi-triage.yaml";

/**
 * An inventory argument and --discover name two different heads: refused rather than one
 * silently winning. The command line wins over the config; in the config, `discover:` wins
 * over `inventory:`, which stays the default of analyze and interview.
 */
export function gateHead(opts: Pick<GateSettingsOptions, "inventory" | "discover">, config: ProjectConfig | undefined): GateHead | undefined {
  if (opts.inventory !== undefined && opts.discover !== undefined) {
    throw new UsageError(`gate takes an inventory or --discover, not both: ${opts.inventory} is an inventory file, --discover reads sources; drop one`);
  }
  if (Array.isArray(opts.discover)) return { kind: "discover", paths: opts.discover };
  if (opts.discover === true) return { kind: "discover", paths: config?.discover ?? ["."] };
  if (opts.inventory !== undefined) return { kind: "file", file: opts.inventory };
  if (config?.discover) return { kind: "discover", paths: config.discover };
  return config?.inventory !== undefined ? { kind: "file", file: config.inventory } : undefined;
}

/** A folder in the repository the head is in: where git is asked which commit --base names. */
async function anchorOf(head: GateHead | undefined, config: ProjectConfig | undefined): Promise<string | undefined> {
  if (head?.kind === "discover") {
    const first = head.paths[0]!;
    return (await isDirectory(first)) ? resolve(first) : folderOf(first);
  }
  if (head?.file === "-") return undefined;
  return folderOf(head?.file ?? (config ? config.file : join(process.cwd(), CONFIG_FILE_NAME)));
}

/**
 * Which settings judge the gate. Without a base, or with a file as the base, the project
 * config of the working folder. With a commit as the base, the pull request controls the
 * working folder, config and rule packs included: the config and the packs inside the
 * repository are taken from the base commit, and what the head's would weaken becomes a
 * finding. Flags belong to the workflow, not the pull request, and still win; a --rules or
 * --config that names something inside the repository is read from the base commit too.
 */
export async function gateSettings(opts: GateSettingsOptions): Promise<GateSettings> {
  const head = await projectConfig(opts.config);
  const headChoice = gateHead(opts, head);
  const anchor = await anchorOf(headChoice, head);
  const base = opts.base === undefined ? undefined : await resolveBase(opts.base, anchor);
  if (base?.kind !== "git") {
    if (!headChoice) throw new UsageError(NEEDS_INVENTORY);
    return {
      head: headChoice,
      tree: undefined,
      waiversFile: opts.waivers ?? head?.waivers,
      failOn: opts.failOn ?? head?.failOn ?? DEFAULT_FAIL_ON,
      base,
      packs: async () => {
        const loaded = withOverrides(await loadPacks(packsFor(opts.rules, head), opts.rules.length ? undefined : head), head);
        return { pack: loaded.pack, changes: [...failOnChange(head, opts.failOn), ...loaded.changes], weakenings: [], ...waivers([loaded.pack]) };
      },
      dispose: async () => undefined,
    };
  }
  let forget: (() => void) | undefined;
  const tree = new BaseTree(base, (folder) => (forget = removeOnInterrupt(folder)));
  const dispose = async () => {
    await tree.dispose();
    forget?.();
  };
  try {
    const baseConfig = await configAt(tree, opts.config, head);
    // The base commit's config names what is judged: the pull request may edit the head's.
    const judged = gateHead(opts, baseConfig);
    if (!judged) throw new UsageError(`${NEEDS_INVENTORY} (with --base ${base.given}, the base commit's)`);
    return {
      head: judged,
      tree,
      waiversFile: opts.waivers ?? baseConfig?.waivers,
      failOn: opts.failOn ?? baseConfig?.failOn ?? DEFAULT_FAIL_ON,
      base,
      packs: () => comparedPacks(opts, tree, baseConfig, head).catch((e: unknown) => Promise.reject(tree.relabel(e))),
      dispose,
    };
  } catch (e) {
    const named = tree.relabel(e);
    await dispose();
    throw named;
  }
}

function waivers(packs: readonly RulePack[]): Pick<GatePacks, "waivable" | "unwaivable"> {
  const unwaivable = new Set(packs.flatMap((p) => p.changes.filter((c) => !comparesEntries(c)).map((c) => c.id)));
  return { waivable: new Set(packs.flatMap((p) => gateRules(p).map((r) => r.id)).filter((id) => !unwaivable.has(id))), unwaivable };
}

/**
 * The base commit's config: the file --config names (read from the commit when it lies in
 * the repository), or the nearest .nhi-triage.yaml upward from the working folder's place
 * in the commit. A config outside the repository is the workflow's, the same for both.
 */
async function configAt(tree: BaseTree, choice: ConfigChoice, head: ProjectConfig | undefined): Promise<ProjectConfig | undefined> {
  if (choice === false) return undefined;
  const { top } = tree.base;
  if (choice !== undefined) {
    const rel = await repoPath(top, choice);
    return rel === undefined ? head : readConfig(tree, rel);
  }
  const here = await repoPath(top, process.cwd());
  if (here === undefined) return head;
  for (let dir = here; ; dir = dir.includes("/") ? dir.slice(0, dir.lastIndexOf("/")) : "") {
    const config = await readConfig(tree, dir === "" ? CONFIG_FILE_NAME : `${dir}/${CONFIG_FILE_NAME}`);
    if (config || dir === "") return config;
  }
}

async function readConfig(tree: BaseTree, rel: string): Promise<ProjectConfig | undefined> {
  const found = await tree.lookup(rel);
  if (found.kind === "link") throw new UsageError(`${tree.base.ref}:${found.at} is a symbolic link; the gate reads the base commit's config from the commit and does not follow links there`);
  if (found.kind !== "blob") return undefined;
  const local = await tree.extract(rel, found, maxInputBytes());
  // Its paths are the checkout's: the inventory and the waivers are the head's to judge.
  const config = await loadConfig(local, join(tree.base.top, ...dirname(rel).split("/")));
  return { ...config, file: tree.label(local) };
}

/** A pack folder as both sides name it: its path in the repository, else its full path. */
async function packKey(top: string, dir: string): Promise<{ key: string; rel: string | undefined }> {
  if (resolve(dir) === resolve(BUILTIN_RULES_DIR)) return { key: "built-in", rel: undefined };
  const rel = await repoPath(top, dir);
  return { key: rel ?? resolve(dir), rel };
}

async function comparedPacks(opts: GateSettingsOptions, tree: BaseTree, baseConfig: ProjectConfig | undefined, head: ProjectConfig | undefined): Promise<GatePacks> {
  const { top } = tree.base;
  const baseDirs = packsFor(opts.rules, baseConfig);
  const reading = new Map<string, string>();
  for (const dir of baseDirs) {
    const { rel } = await packKey(top, dir);
    if (rel === undefined) continue;
    const found = await tree.lookup(rel);
    if (found.kind === "link") throw new UsageError(`rule pack ${dir}: ${tree.base.ref}:${found.at} is a symbolic link; the gate reads the base commit's rule packs from the commit and does not follow links there`);
    // A folder the base commit does not have is new in the head: it can only add rules.
    if (found.kind !== "absent") reading.set(dir, await tree.extract(rel, found, PACK_LIMITS.fileBytes));
  }
  const baseRaw = await loadPacks(baseDirs, opts.rules.length ? undefined : baseConfig, reading);
  const baseLoaded = withOverrides(baseRaw, baseConfig);

  const headDirs = packsFor(opts.rules, head);
  const same = reading.size === 0 && headDirs.length === baseDirs.length && headDirs.every((d, i) => resolve(d) === resolve(baseDirs[i]!));
  const headRaw = same ? baseRaw : await loadPacks(headDirs, opts.rules.length ? undefined : head);
  const headLoaded = withOverrides(headRaw, head);

  const sides = {
    base: await side(tree, baseRaw, baseLoaded.pack, baseDirs, reading, baseConfig, opts),
    head: await side(tree, headRaw, headLoaded.pack, headDirs, new Map(), head, opts),
  };
  const rules = baseLoaded.pack.changes.filter((c) => !comparesEntries(c));
  const weakenings = configWeakenings(rules, sides.base, sides.head, places(tree, headRaw, baseRaw, head, baseConfig));
  const changes = [
    ...failOnChange(baseConfig, opts.failOn),
    ...baseLoaded.changes,
    ...(severityRank(sides.head.failOn) < severityRank(sides.base.failOn) ? [failOnLowered(sides, head)] : []),
  ].map((c) => inHead(c, head, baseConfig));
  return { pack: baseLoaded.pack, changes, weakenings, ...waivers([baseLoaded.pack, headLoaded.pack]) };
}

function failOnLowered(sides: { base: GateSettingsSide; head: GateSettingsSide }, head: ProjectConfig | undefined): ConfigChange {
  return {
    kind: "failOn",
    message: `failOn ${sides.head.failOn} by ${head?.file ?? "the head"} (the base commit's is ${sides.base.failOn}): it applies once merged`,
    ...(head ? placeIn(head, head.doc.locate(["failOn"])) : {}),
  };
}

/** A note about the base commit's config, placed on the same setting in the head's when it has one. */
function inHead(c: ConfigChange, head: ProjectConfig | undefined, baseConfig: ProjectConfig | undefined): ConfigChange {
  if (!head || !baseConfig || head === baseConfig || c.location?.file !== displayPath(baseConfig.file)) return c;
  const path: Path = c.kind === "failOn" ? ["failOn"] : ["rules", c.rule ?? ""];
  const pos = c.kind === "failOn" ? head.doc.locate(path) : head.doc.locateKey(path);
  const rest: ConfigChange = { kind: c.kind, message: c.message, ...(c.rule !== undefined ? { rule: c.rule } : {}) };
  return pos ? { ...rest, ...placeIn(head, pos) } : rest;
}

async function side(
  tree: BaseTree,
  raw: RulePack,
  effective: RulePack,
  dirs: readonly string[],
  reading: ReadonlyMap<string, string>,
  config: ProjectConfig | undefined,
  opts: GateSettingsOptions,
): Promise<GateSettingsSide> {
  const ids = gateRules(raw).map((r) => r.id);
  const packs = new Map<string, string[]>();
  for (const dir of dirs) {
    const { key } = await packKey(tree.base.top, dir);
    if (key === "built-in") continue;
    const read = resolve(reading.get(dir) ?? dir) + sep;
    packs.set(key, ids.filter((id) => resolve(raw.origins.get(id)?.file ?? "").startsWith(read)));
  }
  const waiversKey = opts.waivers === undefined && config?.waivers !== undefined ? (await packKey(tree.base.top, config.waivers)).key : undefined;
  return {
    failOn: opts.failOn ?? config?.failOn ?? DEFAULT_FAIL_ON,
    rules: new Map(gateRules(effective).map((r) => [r.id, r.severity])),
    packs,
    ...(waiversKey !== undefined ? { waivers: waiversKey } : {}),
    overrides: config?.rules ?? {},
    ...(config ? { config: config.file } : {}),
  };
}

/** Where the head says what weakens the gate: its config's lines, else the rule's pack file. */
function places(tree: BaseTree, headRaw: RulePack, baseRaw: RulePack, head: ProjectConfig | undefined, baseConfig: ProjectConfig | undefined): WeakeningPlaces {
  const top = (): Location => ({ file: head ? displayPath(head.file) : baseConfig ? checkoutPath(tree, baseConfig.file) : ".", line: 1, column: 1 });
  const at = (path: Path, key = false): Location => {
    const pos = head ? (key ? head.doc.locateKey(path) : head.doc.locate(path)) : undefined;
    return head && pos ? placeIn(head, pos).location : top();
  };
  return {
    failOn: () => at(["failOn"]),
    waivers: () => at(["waivers"]),
    rulePacks: () => at(["rulePacks"], true),
    rule: (id, byOverride) => {
      if (byOverride) return at(["rules", id], true);
      const own = headRaw.origins.get(id);
      if (own) return { file: displayPath(own.file), line: Math.max(1, own.line), column: Math.max(1, own.column) };
      const was = baseRaw.origins.get(id);
      return was ? { file: checkoutPath(tree, was.file), line: 1, column: 1 } : top();
    },
  };
}

/** Where a file copied out of the base commit (or named as the commit's) is in the checkout. */
function checkoutPath(tree: BaseTree, file: string): string {
  const prefix = `${tree.base.ref}:`;
  const labelled = tree.label(file);
  if (!labelled.startsWith(prefix)) return displayPath(file);
  return displayPath(join(tree.base.top, ...labelled.slice(prefix.length).split("/")));
}
