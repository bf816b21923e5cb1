import { compareStrings } from "../engine/compare.js";
import type { Origin, RulePack } from "../load/rulePack.js";
import type { RuleCase } from "../load/schema/cases.js";
import { comparesEntries, type ChangeKind, type ChangeRule, type Condition, type Defect, type Layer, type Rule } from "../load/schema/rules.js";
import type { Severity } from "../load/severity.js";
import { renderCondition } from "./renderCondition.js";
import { mayBeUnknown } from "../engine/mayBeUnknown.js";
import { unknownWording } from "../engine/unknownWording.js";

/** The cases of one file; `file` is already the label to show (a path relative to something stable). */
export interface RuleCaseSet {
  file: string;
  cases: ReadonlyArray<Pick<RuleCase, "name" | "fires" | "silent" | "unknown">>;
}

export type RuleScope = "incident" | "inventory" | "change";

export interface RefView {
  id: string;
  display: string;
  summary: string;
  /** False when the catalog's title is only the id again (CSF subcategories), so the summary is what says what it is. */
  titled: boolean;
}

export interface ControlLink {
  id: string;
  title: string;
}

export interface ControlSummary extends ControlLink {
  layer: Layer;
  what: string;
  requires: ControlLink[];
}

export interface CaseMention {
  name: string;
  file: string;
  expect: "fires" | "silent" | "unknown";
}

/** Everything `rules show` and the generated rule page say about one rule, from the pack alone. */
export interface RuleView {
  id: string;
  title: string;
  scope: RuleScope;
  defect: Defect;
  severity: Severity;
  /** Change rules do not score, so they have none. */
  weight?: number;
  subject: string;
  reasoning: string;
  /** The condition as renderCondition lines; for a change rule, its optional extra condition. */
  when?: string[];
  change?: { fact: string; change: ChangeKind; scale?: string[] };
  /** What the rule does when a fact its condition needs is not recorded. */
  unknown?: { fires: { title: string; severity: Severity } } | { safe: string };
  controls: ControlSummary[];
  refs: RefView[];
  encodes: Array<{ key: string; text: string }>;
  cases: CaseMention[];
  origin?: Origin;
}

export interface ControlView extends ControlSummary {
  /** Controls that list this one in their `requires`. */
  dependents: ControlLink[];
  refs: RefView[];
  /** Rules (of any scope) whose plan calls for this control. */
  calledFor: Array<{ id: string; title: string; scope: RuleScope }>;
  origin?: Origin;
}

/** What `rules show` and the rule pages say a rule does on an unrecorded fact. */
export function unknownLine(u: NonNullable<RuleView["unknown"]>): string {
  return "safe" in u ? `Stays silent; unknown is safe here: ${u.safe}` : `Fires as unknown (${u.fires.severity}): ${u.fires.title}`;
}

export function ruleScope(r: Rule | ChangeRule): RuleScope {
  return "change" in r ? "change" : (r.scope ?? "incident");
}

function refViews(refs: readonly string[], pack: RulePack): RefView[] {
  return refs.map((id) => {
    const e = pack.catalog.get(id);
    return { id, display: e?.display ?? id, summary: e?.summary ?? "", titled: e !== undefined && e.title !== e.id };
  });
}

function link(id: string, pack: RulePack): ControlLink {
  return { id, title: pack.controls.get(id)?.title ?? id };
}

function controlSummary(id: string, pack: RulePack): ControlSummary {
  const c = pack.controls.get(id);
  return { ...link(id, pack), layer: c?.layer ?? "identity", what: c?.what ?? "", requires: (c?.requires ?? []).map((r) => link(r, pack)) };
}

function mentions(id: string, caseSets: readonly RuleCaseSet[]): CaseMention[] {
  return caseSets.flatMap((set) =>
    set.cases.flatMap((c) => [
      ...((c.fires ?? []).includes(id) ? [{ name: c.name, file: set.file, expect: "fires" as const }] : []),
      ...((c.silent ?? []).includes(id) ? [{ name: c.name, file: set.file, expect: "silent" as const }] : []),
      ...((c.unknown ?? []).includes(id) ? [{ name: c.name, file: set.file, expect: "unknown" as const }] : []),
    ]),
  );
}

/** A scale step that holds several values of equal strength reads "a = b". */
const scaleStep = (step: string | readonly string[]) => (typeof step === "string" ? step : step.join(" = "));

/** What a change rule compares: an inventory fact, or the gate's own settings. */
export function changeFact(c: ChangeRule): string {
  return comparesEntries(c) ? c.fact : "gate settings: failOn, rules, rulePacks, waivers";
}

export function findRule(pack: RulePack, id: string): Rule | ChangeRule | undefined {
  return pack.rules.find((r) => r.id === id) ?? pack.changes.find((c) => c.id === id);
}

export function ruleView(pack: RulePack, rule: Rule | ChangeRule, caseSets: readonly RuleCaseSet[]): RuleView {
  const domain = new Map(pack.domain.map((d) => [d.key, d.text]));
  const origin = pack.origins.get(rule.id);
  const when: Condition | undefined = "when" in rule ? rule.when : undefined;
  const base = {
    id: rule.id,
    title: rule.title,
    scope: ruleScope(rule),
    defect: rule.defect,
    severity: rule.severity,
    subject: rule.subject,
    reasoning: rule.reasoning,
    ...(when ? { when: renderCondition(when) } : {}),
    controls: rule.controls.map((id) => controlSummary(id, pack)),
    refs: refViews(rule.refs, pack),
    cases: mentions(rule.id, caseSets),
    ...(origin ? { origin } : {}),
  };
  if ("change" in rule) {
    const scale = comparesEntries(rule) ? rule.scale : undefined;
    const change = { fact: changeFact(rule), change: rule.change, ...(scale ? { scale: scale.map(scaleStep) } : {}) };
    return { ...base, change, encodes: [] };
  }
  const encodes = (rule.encodes ?? []).map((key) => ({ key, text: domain.get(key) ?? "" }));
  const unknown = !mayBeUnknown(rule.when, rule.subject) ? undefined : rule.unknownSafe !== undefined ? { safe: rule.unknownSafe } : { fires: unknownWording(rule) };
  return { ...base, weight: rule.weight, ...(unknown ? { unknown } : {}), encodes };
}

export function controlView(pack: RulePack, id: string): ControlView {
  const c = pack.controls.get(id);
  const origin = pack.origins.get(id);
  const dependents = [...pack.controls.values()]
    .filter((d) => (d.requires ?? []).includes(id))
    .map((d) => link(d.id, pack))
    .sort((a, b) => compareStrings(a.id, b.id));
  const calledFor = [...pack.rules, ...pack.changes]
    .filter((r) => r.controls.includes(id))
    .map((r) => ({ id: r.id, title: r.title, scope: ruleScope(r) }))
    .sort((a, b) => compareStrings(a.id, b.id));
  return { ...controlSummary(id, pack), dependents, refs: refViews(c?.refs ?? [], pack), calledFor, ...(origin ? { origin } : {}) };
}
