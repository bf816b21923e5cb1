import type { RulePack } from "../load/rulePack.js";
import type { Severity } from "../load/schema/common.js";
import { compareStrings } from "./compare.js";

/**
 * A project's rule overrides applied to a pack: rules turned off are removed, others get
 * another severity. Every change comes back in words, so reports can list it and nothing
 * is hidden silently.
 */
export function applyOverrides(
  pack: RulePack,
  overrides: Readonly<Record<string, "off" | Severity>>,
  source: string,
): { pack: RulePack; changes: Array<{ rule: string; message: string }> } {
  const changes: Array<{ rule: string; message: string }> = [];
  const adjust = <R extends { id: string; severity: Severity }>(rule: R): R | undefined => {
    const o = overrides[rule.id];
    if (o === undefined) return rule;
    if (o === "off") {
      changes.push({ rule: rule.id, message: `${rule.id} turned off by ${source}` });
      return undefined;
    }
    if (o === rule.severity) return rule;
    changes.push({ rule: rule.id, message: `${rule.id} severity ${rule.severity} → ${o} by ${source}` });
    return { ...rule, severity: o };
  };
  const rules = pack.rules.map(adjust).filter((r) => r !== undefined);
  const changeRules = pack.changes.map(adjust).filter((r) => r !== undefined);
  return { pack: { ...pack, rules, changes: changeRules }, changes: changes.sort((a, b) => compareStrings(a.message, b.message)) };
}
