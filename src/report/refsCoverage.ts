import { compareStrings } from "../engine/compare.js";
import type { FrameworkInfo } from "../load/loadFrameworks.js";
import type { CatalogEntry, RulePack } from "../load/rulePack.js";
import { FRAMEWORK_GROUPS } from "../load/schema/rules.js";

export const RULE_KINDS = ["posture", "incident", "change"] as const;
/**
 * posture: a `scope: inventory` rule, which the gate checks on every inventory entry (and
 * analyze on the entries an incident touches); incident: a rule only analyze checks;
 * change: a rule the gate checks between a base and a head inventory.
 */
export type RuleKind = (typeof RULE_KINDS)[number];

export interface Citer {
  id: string;
  title: string;
}

/** Who cites one catalog id, each list sorted by id. */
export interface Citations {
  posture: Citer[];
  incident: Citer[];
  change: Citer[];
  controls: Citer[];
}

export type CitationIndex = ReadonlyMap<string, Citations>;

export interface EntryCoverage extends Citations {
  entry: CatalogEntry;
  /** Cited by a rule of any kind: a finding can name it. A control alone detects nothing. */
  detected: boolean;
}

/** An entry with the entries whose parent it is, and how many leaves below it are detected. */
export interface CoverageNode {
  coverage: EntryCoverage;
  children: CoverageNode[];
  leaves: number;
  detectedLeaves: number;
}

export interface KindCoverage {
  covered: number;
  missing: string[];
}

/**
 * Counted over the framework's leaves (entries no other entry names as parent): in a
 * hierarchy such as NIST CSF, rules cite subcategories, and counting the functions and
 * categories above them as undetected would understate what the rules cover.
 */
export interface CoverageSummary {
  /** The leaves' level when they share one (risk, subcategory), for the wording. */
  level?: string;
  entries: number;
  detected: number;
  notDetected: string[];
  posture: KindCoverage;
  incident: KindCoverage;
  change: KindCoverage;
  controls: KindCoverage;
}

export interface FrameworkCoverage {
  framework: FrameworkInfo;
  /** In catalog order. */
  entries: EntryCoverage[];
  /** The same entries as a tree by `parent`, roots in catalog order. */
  roots: CoverageNode[];
  summary: CoverageSummary;
}

/** How many of a framework's ids (any level) each kind of citer cites. */
export interface FrameworkOverview {
  framework: FrameworkInfo;
  ids: number;
  rules: number;
  posture: number;
  incident: number;
  change: number;
  controls: number;
}

export interface EntryView {
  framework: FrameworkInfo;
  /** The entry, its children in catalog order, and how many leaves below it are detected. */
  node: CoverageNode;
  parent?: CatalogEntry;
}

type Citing = Pick<RulePack, "rules" | "changes" | "controls">;

const noCitations = (): Citations => ({ posture: [], incident: [], change: [], controls: [] });

/** Every catalog id → who cites it, built once so each lookup is a map read. */
export function citationIndex(pack: Citing): CitationIndex {
  const index = new Map<string, Citations>();
  const add = (refs: readonly string[], kind: keyof Citations, citer: Citer) => {
    for (const ref of new Set(refs)) {
      let c = index.get(ref);
      if (!c) index.set(ref, (c = noCitations()));
      c[kind].push(citer);
    }
  };
  for (const r of pack.rules) add(r.refs, r.scope === "inventory" ? "posture" : "incident", { id: r.id, title: r.title });
  for (const c of pack.changes) add(c.refs, "change", { id: c.id, title: c.title });
  for (const c of pack.controls.values()) add(c.refs, "controls", { id: c.id, title: c.title });
  for (const c of index.values()) for (const list of Object.values(c) as Citer[][]) list.sort((a, b) => compareStrings(a.id, b.id));
  return index;
}

export function entryCoverage(index: CitationIndex, entry: CatalogEntry): EntryCoverage {
  const c = index.get(entry.id) ?? noCitations();
  return { entry, ...c, detected: RULE_KINDS.some((k) => c[k].length > 0) };
}

/**
 * The frameworks in the catalog, OWASP NHI, NIST CSF and MAESTRO first (the three every
 * control must cite), then the others in catalog order. A framework whose file header
 * could not be read still appears, titled by its name.
 */
export function catalogFrameworks(catalog: ReadonlyMap<string, CatalogEntry>, infos: readonly FrameworkInfo[]): FrameworkInfo[] {
  const first = new Map<string, CatalogEntry>();
  for (const e of catalog.values()) if (!first.has(e.framework)) first.set(e.framework, e);
  const info = new Map<string, FrameworkInfo>();
  for (const i of infos) if (!info.has(i.name)) info.set(i.name, i);
  return [...first.values()]
    .sort((a, b) => FRAMEWORK_GROUPS.indexOf(a.group) - FRAMEWORK_GROUPS.indexOf(b.group) || a.order - b.order)
    .map((e) => info.get(e.framework) ?? { name: e.framework, title: e.framework, group: e.group });
}

function entriesOf(catalog: ReadonlyMap<string, CatalogEntry>, framework: string): CatalogEntry[] {
  return [...catalog.values()].filter((e) => e.framework === framework).sort((a, b) => a.order - b.order);
}

export function catalogOverview(catalog: ReadonlyMap<string, CatalogEntry>, index: CitationIndex, frameworks: readonly FrameworkInfo[]): FrameworkOverview[] {
  return frameworks.map((framework) => {
    const covs = entriesOf(catalog, framework.name).map((e) => entryCoverage(index, e));
    const count = (k: keyof Citations) => covs.filter((c) => c[k].length > 0).length;
    return {
      framework,
      ids: covs.length,
      rules: covs.filter((c) => c.detected).length,
      posture: count("posture"),
      incident: count("incident"),
      change: count("change"),
      controls: count("controls"),
    };
  });
}

/** Parent id → children, only for parents inside the same framework. */
function childrenOf(entries: readonly EntryCoverage[]): Map<string, EntryCoverage[]> {
  const ids = new Set(entries.map((e) => e.entry.id));
  const kids = new Map<string, EntryCoverage[]>();
  for (const e of entries) {
    const p = e.entry.parent;
    if (p === undefined || p === e.entry.id || !ids.has(p)) continue;
    kids.set(p, [...(kids.get(p) ?? []), e]);
  }
  return kids;
}

/** The entry as a tree node: its children by `parent`, and the detected leaves below it. */
function nodeOf(c: EntryCoverage, kids: ReadonlyMap<string, EntryCoverage[]>, seen: ReadonlySet<string> = new Set()): CoverageNode {
  // `seen` stops a parent cycle in an extra pack's catalog from recursing for ever.
  const inPath = new Set([...seen, c.entry.id]);
  const children = (kids.get(c.entry.id) ?? []).filter((k) => !inPath.has(k.entry.id)).map((k) => nodeOf(k, kids, inPath));
  if (children.length === 0) return { coverage: c, children, leaves: 1, detectedLeaves: c.detected ? 1 : 0 };
  return { coverage: c, children, leaves: sum(children, (n) => n.leaves), detectedLeaves: sum(children, (n) => n.detectedLeaves) };
}

export function frameworkCoverage(catalog: ReadonlyMap<string, CatalogEntry>, index: CitationIndex, framework: FrameworkInfo): FrameworkCoverage {
  const entries = entriesOf(catalog, framework.name).map((e) => entryCoverage(index, e));
  const kids = childrenOf(entries);
  const ids = new Set(entries.map((e) => e.entry.id));
  const roots = entries.filter((e) => e.entry.parent === undefined || e.entry.parent === e.entry.id || !ids.has(e.entry.parent)).map((e) => nodeOf(e, kids));
  const leaves = entries.filter((e) => !kids.has(e.entry.id));
  const levels = new Set(leaves.map((e) => e.entry.level));
  const kind = (k: keyof Citations): KindCoverage => ({
    covered: leaves.filter((e) => e[k].length > 0).length,
    missing: leaves.filter((e) => e[k].length === 0).map((e) => e.entry.id),
  });
  const summary: CoverageSummary = {
    ...(levels.size === 1 ? { level: [...levels][0]! } : {}),
    entries: leaves.length,
    detected: leaves.filter((e) => e.detected).length,
    notDetected: leaves.filter((e) => !e.detected).map((e) => e.entry.id),
    posture: kind("posture"),
    incident: kind("incident"),
    change: kind("change"),
    controls: kind("controls"),
  };
  return { framework, entries, roots, summary };
}

export function entryView(catalog: ReadonlyMap<string, CatalogEntry>, index: CitationIndex, frameworks: readonly FrameworkInfo[], entry: CatalogEntry): EntryView {
  const framework = frameworks.find((f) => f.name === entry.framework) ?? { name: entry.framework, title: entry.framework, group: entry.group };
  const parent = entry.parent !== undefined && entry.parent !== entry.id ? catalog.get(entry.parent) : undefined;
  const kids = childrenOf(entriesOf(catalog, entry.framework).map((e) => entryCoverage(index, e)));
  return { framework, node: nodeOf(entryCoverage(index, entry), kids), ...(parent ? { parent } : {}) };
}

function sum<T>(xs: readonly T[], f: (x: T) => number): number {
  return xs.reduce((n, x) => n + f(x), 0);
}
