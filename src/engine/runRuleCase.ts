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
}

/** Runs one rule case through the same pipeline as `analyze` and checks its expectations. */
export function runRuleCase(c: RuleCase, pack: RulePack, inventory: InventoryIndex | undefined, now: number): CaseOutcome {
  const incident = { apiVersion: API_VERSION, kind: "Incident" as const, ...c.incident, id: c.incident.id ?? c.name };
  const t = triage(incident, pack, inventory, { now });
  const fired = [...new Set(t.findings.map((f) => f.rule))].sort();
  const failures: string[] = [];
  for (const id of c.fires ?? []) if (!fired.includes(id)) failures.push(`${id} should fire but did not`);
  for (const id of c.silent ?? []) if (fired.includes(id)) failures.push(`${id} should stay silent but fired`);
  if (c.decision && t.decision.decision !== c.decision) failures.push(`decision should be ${c.decision}, was ${t.decision.decision}`);
  return { name: c.name, failures, fired };
}
