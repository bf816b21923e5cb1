import type { InventoryIndex } from "../load/loadInventory.js";
import type { Incident } from "../load/schema/incident.js";
import { agentIdentitySteps } from "./stepsByIdentity.js";
import { agentSubject, identitySubject, incidentSubject, stepSubject, workflowSubject, type Subject } from "./subject.js";

/**
 * The incident plus what it touches: affected identities, workflows (and their steps),
 * agents, and the identities those steps and agents act as.
 */
export function buildSubjects(incident: Incident, inventory: InventoryIndex | undefined): Subject[] {
  const subjects: Subject[] = [incidentSubject(incident.id)];
  if (!inventory) return subjects;
  const affected = incident.affected ?? {};
  const identityIds = new Set(affected.identities ?? []);
  for (const wid of affected.workflows ?? []) {
    const w = inventory.workflows.get(wid);
    if (!w) continue;
    subjects.push(workflowSubject(w));
    for (const step of w.steps ?? []) {
      const identity = step.identity ? inventory.identities.get(step.identity) : undefined;
      if (identity) identityIds.add(identity.id);
      subjects.push(stepSubject(w, step, identity));
    }
  }
  for (const aid of affected.agents ?? []) {
    const a = inventory.agents.get(aid);
    if (!a) continue;
    const identity = a.identity ? inventory.identities.get(a.identity) : undefined;
    if (identity) identityIds.add(identity.id);
    subjects.push(agentSubject(a, identity, undefined, agentIdentitySteps(inventory, a.identity)));
  }
  for (const id of [...identityIds].sort()) {
    const identity = inventory.identities.get(id);
    if (identity) subjects.push(identitySubject(identity));
  }
  return subjects;
}

/** What a subject reads, before it is built: enough to decide whether to build it. */
export type SubjectRecords = Pick<Subject, "kind" | "identity" | "workflow" | "step" | "agent">;

/**
 * Every entry of the inventory, for the gate: identities, workflows and their steps, agents,
 * each with its path in the document; with `keep`, only the entries it accepts. A loaded
 * inventory has no duplicate ids, so the k-th record of a table is the k-th item of its list.
 */
export function inventorySubjects(inventory: InventoryIndex, keep?: (records: SubjectRecords) => boolean): Subject[] {
  const subjects: Subject[] = [];
  let i = 0;
  for (const identity of inventory.identities.values()) {
    if (!keep || keep({ kind: "identity", identity })) subjects.push(identitySubject(identity, ["identities", i]));
    i++;
  }
  i = 0;
  for (const workflow of inventory.workflows.values()) {
    const wi = i++;
    if (!keep || keep({ kind: "workflow", workflow })) subjects.push(workflowSubject(workflow, ["workflows", wi]));
    workflow.steps?.forEach((step, si) => {
      const identity = step.identity ? inventory.identities.get(step.identity) : undefined;
      if (!keep || keep({ kind: "step", workflow, step, identity })) subjects.push(stepSubject(workflow, step, identity, ["workflows", wi, "steps", si]));
    });
  }
  i = 0;
  for (const agent of inventory.agents.values()) {
    const identity = agent.identity ? inventory.identities.get(agent.identity) : undefined;
    if (!keep || keep({ kind: "agent", agent, identity })) subjects.push(agentSubject(agent, identity, ["agents", i], agentIdentitySteps(inventory, agent.identity)));
    i++;
  }
  return subjects;
}
