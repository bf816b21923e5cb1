import { inventorySubjects } from "../engine/buildSubjects.js";
import type { PrivilegeVocabulary } from "../engine/privilegeVocabulary.js";
import { evidenceText } from "../engine/evidence.js";
import { evaluateCondition, showValue } from "../engine/evaluateCondition.js";
import { UNKNOWN } from "../engine/truth.js";
import { factDef, type FactValue } from "../engine/factCatalog.js";
import type { EvalContext, Subject } from "../engine/subject.js";
import type { InventoryIndex } from "../load/loadInventory.js";
import { comparesEntries, type ChangeRule, type InventoryChangeRule } from "../load/schema/rules.js";
import { findingHeader } from "./findingHeader.js";
import { locateFinding } from "./locateFinding.js";
import type { GateFinding } from "./types.js";

/** What moved for the worse between base and head, in words; undefined when nothing did. */
export function compareValues(rule: InventoryChangeRule, before: FactValue, after: FactValue): string | undefined {
  switch (rule.change) {
    case "gains": {
      const was = new Set(Array.isArray(before) ? before : []);
      const added = (Array.isArray(after) ? after : []).filter((v) => !was.has(v));
      return added.length ? `gained ${added.join(", ")}` : undefined;
    }
    case "removed":
      return before !== undefined && after === undefined ? `removed (was ${showValue(before)})` : undefined;
    case "increases":
      // A limit that disappears is the largest rise of all: unknown is never safe.
      if (typeof before !== "number") return undefined;
      if (after === undefined) return `raised from ${before} to no recorded limit`;
      return typeof after === "number" && after > before ? `raised from ${before} to ${after}` : undefined;
    case "weakens": {
      const scale = rule.scale ?? [];
      const rank = (v: FactValue) => {
        const i = scale.findIndex((step) => (Array.isArray(step) ? step.includes(v as string) : step === v));
        return i < 0 ? scale.length : i;
      };
      return rank(after) > rank(before) ? `weakened from ${showValue(before)} to ${showValue(after)}` : undefined;
    }
  }
}

/** Compares each entry present in both inventories, matched by its reference. */
export function changeFindings(
  rules: readonly ChangeRule[],
  base: InventoryIndex,
  head: InventoryIndex,
  now: number,
  privileges: PrivilegeVocabulary,
  baseSubjects: readonly Subject[] = inventorySubjects(base),
  heads: readonly Subject[] = inventorySubjects(head),
): GateFinding[] {
  const ctx: EvalContext = { active: false, now, privileges };
  const before = new Map(baseSubjects.map((s) => [s.ref, s]));
  const out: GateFinding[] = [];
  for (const rule of rules.filter(comparesEntries)) {
    const def = factDef(rule.fact);
    if (!def) continue;
    for (const subject of heads) {
      if (subject.kind !== rule.subject) continue;
      const old: Subject | undefined = before.get(subject.ref);
      if (!old) continue;
      const was = def.get(old, ctx);
      const now_ = def.get(subject, ctx);
      const moved = compareValues(rule, was, now_);
      if (!moved) continue;
      // A guard the head entry leaves undecided does not excuse the change: it is reported, as unknown.
      const guard = rule.when ? evaluateCondition(rule.when, { subject, ctx, symptoms: new Map() }) : undefined;
      if (guard && guard.truth === false) continue;
      out.push({
        origin: "change",
        ...findingHeader(rule, subject.ref),
        ...(guard?.truth === UNKNOWN ? { unknown: guard.unknown } : {}),
        evidence: [`${subject.label}: ${def.label} ${moved}`, ...(guard?.evidence ?? []).map(evidenceText)],
        controls: [...rule.controls],
        refs: [...rule.refs],
        location: locateFinding(head, subject, [rule.fact]),
        before: showValue(was),
        after: showValue(now_),
      });
    }
  }
  return out;
}
