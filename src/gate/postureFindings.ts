import { inventorySubjects } from "../engine/buildSubjects.js";
import { evidenceText } from "../engine/evidence.js";
import { forEachHolding } from "../engine/evaluateRules.js";
import type { EvalContext, Subject } from "../engine/subject.js";
import type { InventoryIndex } from "../load/loadInventory.js";
import type { RulePack } from "../load/rulePack.js";
import { findingHeader } from "./findingHeader.js";
import { locateFinding } from "./locateFinding.js";
import type { GateFinding } from "./types.js";

const NO_SYMPTOMS = new Map();

/**
 * The inventory-scope rules on every entry of the inventory: the same engine as analyze,
 * without an incident. Unsorted: the gate sorts what it reports.
 */
export function postureFindings(pack: RulePack, inventory: InventoryIndex, now: number, subjects: readonly Subject[] = inventorySubjects(inventory)): GateFinding[] {
  const rules = pack.rules.filter((r) => r.scope === "inventory");
  const ctx: EvalContext = { active: false, now, privileges: pack.privileges };
  const out: GateFinding[] = [];
  forEachHolding(rules, subjects, NO_SYMPTOMS, ctx, (h) =>
    out.push({
      origin: "posture",
      ...findingHeader(h.rule, h.subject.ref, h),
      ...(h.unknown ? { unknown: h.unknown } : {}),
      evidence: h.evidence.map(evidenceText),
      // Shared with the rule, never mutated.
      controls: h.rule.controls,
      refs: h.rule.refs,
      location: locateFinding(inventory, h.subject, h.facts),
    }),
  );
  return out;
}
