import type { Agent, Identity, Step, Workflow } from "../load/schema/inventory.js";
import type { SubjectKind } from "../load/schema/rules.js";
import type { PrivilegeVocabulary } from "./privilegeVocabulary.js";

/** One thing a rule is evaluated on, with the inventory records it can see. */
export interface Subject {
  kind: SubjectKind;
  /** Stable reference, e.g. `workflow:nightly-deploy/step:migrate-db`. */
  ref: string;
  /** Short human label for evidence, e.g. `step migrate-db`. */
  label: string;
  identity?: Identity;
  workflow?: Workflow;
  step?: Step;
  agent?: Agent;
  /** Where its entry is in the inventory document, when the subject was listed from it (the gate). */
  path?: ReadonlyArray<string | number>;
  /** For an agent that names its identity: the steps (`workflow/step`) acting as that identity too. */
  identitySteps?: readonly string[];
}

export interface EvalContext {
  active: boolean;
  /** Reference date for ages, as epoch milliseconds (UTC). */
  now: number;
  /** What counts as a wildcard or admin grant. */
  privileges: PrivilegeVocabulary;
}

/** The kind a reference names, read back from the forms the constructors below write. */
export function subjectKindOf(ref: string): SubjectKind {
  if (ref.includes("/step:")) return "step";
  return ref.slice(0, ref.indexOf(":")) as SubjectKind;
}

export function incidentSubject(id: string): Subject {
  return { kind: "incident", ref: `incident:${id}`, label: `incident ${id}` };
}
type At = ReadonlyArray<string | number> | undefined;

export function identitySubject(identity: Identity, path?: At): Subject {
  return { kind: "identity", ref: `identity:${identity.id}`, label: `identity ${identity.id}`, identity, path };
}
export function workflowSubject(workflow: Workflow, path?: At): Subject {
  return { kind: "workflow", ref: `workflow:${workflow.id}`, label: `workflow ${workflow.id}`, workflow, path };
}
export function stepSubject(workflow: Workflow, step: Step, identity: Identity | undefined, path?: At): Subject {
  return {
    kind: "step",
    ref: `workflow:${workflow.id}/step:${step.id}`,
    label: `step ${workflow.id}/${step.id}`,
    workflow,
    step,
    identity,
    path,
  };
}
export function agentSubject(agent: Agent, identity: Identity | undefined, path?: At, identitySteps?: readonly string[]): Subject {
  return { kind: "agent", ref: `agent:${agent.id}`, label: `agent ${agent.id}`, agent, identity, path, identitySteps };
}
