import { compareStrings } from "../engine/compare.js";
import type { CatalogEntry, RulePack } from "../load/rulePack.js";
import type { Defect } from "../load/schema/rules.js";
import type { Severity } from "../load/severity.js";
import { ruleScope, type RuleScope } from "./ruleView.js";

export interface RuleFilter {
  defect?: Defect;
  severity?: Severity;
  /** A catalog id; a rule matches when it cites it or an id beneath it (PR.AA matches PR.AA-05). */
  ref?: string;
}

export interface RuleListEntry {
  id: string;
  scope: RuleScope;
  defect: Defect;
  severity: Severity;
  subject: string;
  title: string;
  refs: string[];
}

export interface RuleListing {
  rules: RuleListEntry[];
  /** All rules of the pack, before the filter. */
  total: number;
}

function within(ref: string, ancestor: string, catalog: ReadonlyMap<string, CatalogEntry>): boolean {
  const seen = new Set<string>();
  for (let id: string | undefined = ref; id !== undefined && !seen.has(id); id = catalog.get(id)?.parent) {
    if (id === ancestor) return true;
    seen.add(id);
  }
  return false;
}

/** Every rule of the pack, incident, posture and change alike, filtered and sorted by id. */
export function listRules(pack: RulePack, filter: RuleFilter = {}): RuleListing {
  const all = [...pack.rules, ...pack.changes];
  const rules = all
    .filter((r) => filter.defect === undefined || r.defect === filter.defect)
    .filter((r) => filter.severity === undefined || r.severity === filter.severity)
    .filter((r) => filter.ref === undefined || r.refs.some((ref) => within(ref, filter.ref!, pack.catalog)))
    .map((r) => ({ id: r.id, scope: ruleScope(r), defect: r.defect, severity: r.severity, subject: r.subject, title: r.title, refs: [...r.refs] }))
    .sort((a, b) => compareStrings(a.id, b.id));
  return { rules, total: all.length };
}
