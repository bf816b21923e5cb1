import type { InventoryIndex } from "../load/loadInventory.js";
import type { RulePack } from "../load/rulePack.js";
import { API_VERSION } from "../load/schema/common.js";
import type { RuleCase } from "../load/schema/cases.js";
import { triage } from "./triage.js";

export interface CaseOutcome {
  name: string;
  /** Each failed expectation, in words; empty when the case passes. */
  failures: string[];
  fired: string[];
  /** Rules that fired as unknown. */
  unknown: string[];
}

/** Runs one rule case through the same pipeline as `analyze` and checks its expectations. */
export function runRuleCase(c: RuleCase, pack: RulePack, inventory: InventoryIndex | undefined, now: number): CaseOutcome {
  const incident = { apiVersion: API_VERSION, kind: "Incident" as const, ...c.incident, id: c.incident.id ?? c.name };
  const t = triage(incident, pack, inventory, { now });
  const rules = (unknown: boolean) => [...new Set(t.findings.filter((f) => (f.unknown !== undefined) === unknown).map((f) => f.rule))].sort();
  const fired = rules(false);
  const unknown = rules(true);
  const failures: string[] = [];
  for (const id of c.fires ?? []) if (!fired.includes(id)) failures.push(`${id} should fire but did not${unknown.includes(id) ? " (it fired as unknown)" : ""}`);
  for (const id of c.unknown ?? []) if (!unknown.includes(id)) failures.push(`${id} should fire as unknown but did not${fired.includes(id) ? " (it fired as known)" : ""}`);
  for (const id of c.silent ?? []) {
    if (fired.includes(id)) failures.push(`${id} should stay silent but fired`);
    else if (unknown.includes(id)) failures.push(`${id} should stay silent but fired as unknown`);
  }
  if (c.decision && t.decision.decision !== c.decision) failures.push(`decision should be ${c.decision}, was ${t.decision.decision}`);
  return { name: c.name, failures, fired, unknown };
}
