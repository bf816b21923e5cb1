import { inventorySubjects } from "../engine/buildSubjects.js";
import { evaluateRules } from "../engine/evaluateRules.js";
import type { EvalContext, Subject } from "../engine/subject.js";
import type { InventoryIndex } from "../load/loadInventory.js";
import type { RulePack } from "../load/rulePack.js";
import { fingerprint } from "./fingerprint.js";
import { locateFinding } from "./locateFinding.js";
import type { GateFinding } from "./types.js";

const NO_SYMPTOMS = new Map();

/** The inventory-scope rules on every entry of the inventory: the same engine as analyze, without an incident. */
export function postureFindings(pack: RulePack, inventory: InventoryIndex, now: number, subjects: readonly Subject[] = inventorySubjects(inventory)): GateFinding[] {
  const rules = pack.rules.filter((r) => r.scope === "inventory");
  const byRef = new Map(subjects.map((s) => [s.ref, s]));
  const ctx: EvalContext = { active: false, now };
  return evaluateRules(rules, subjects, NO_SYMPTOMS, ctx).map((f) => ({
    origin: "posture",
    fingerprint: fingerprint(f.rule, f.subject),
    rule: f.rule,
    title: f.title,
    defect: f.defect,
    severity: f.severity,
    subject: f.subject,
    evidence: f.evidence,
    controls: f.controls,
    refs: f.refs,
    location: locateFinding(inventory, byRef.get(f.subject)!, f.facts),
  }));
}
