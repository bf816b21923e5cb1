import { CREDENTIAL_TYPES, IDENTITY_KINDS, LOG_FIELDS, STORAGES } from "../load/schema/inventory.js";
import { durationSeconds } from "../load/schema/common.js";
import { OBSERVATION_FACTS } from "../load/schema/source.js";
import type { SubjectKind } from "../load/schema/rules.js";
import type { EvalContext, Subject } from "./subject.js";
import { holdsMarker, redactedPathAt } from "../redact/redactedPath.js";
import { parseUtc } from "./parseUtc.js";
import { broadClassOf } from "./privilegeVocabulary.js";

export type FactValue = string | number | boolean | readonly string[] | undefined;
export type FactType = "boolean" | "number" | "string" | "list";
/** Which part of a subject a fact reads; `identity` is the step's or agent's identity too. */
export type FactEntity = "incident" | "identity" | "workflow" | "step" | "agent";

export interface FactDef {
  entity: FactEntity;
  type: FactType;
  /** Words used in evidence lines: `step deploy: retries 3`. */
  label: string;
  description: string;
  /** Where the fact is written inside its entity's entry, so a finding can point at the line. */
  path?: readonly string[];
  /** Every field the value is computed from, when more than `path`: an unknown value names those missing. */
  reads?: ReadonlyArray<readonly string[]>;
  /** Never unknown where its entity is there: computed from the whole entry, not read from a field. */
  alwaysKnown?: true;
  /** More for an evidence line than the value says: which steps, say, when the value is yes. */
  detail?(subject: Subject): string | undefined;
  /** For a fact whose place differs from entry to entry: where it is, inside the entry at `entry` of the document's `data`. */
  locate?(data: unknown, entry: ReadonlyArray<string | number>): ReadonlyArray<string | number> | undefined;
  /** Allowed values for string facts, so rule packs cannot compare against a typo. */
  values?: readonly string[];
  get(subject: Subject, ctx: EvalContext): FactValue;
}

const DAY_MS = 86_400_000;

const NON_PROD = /^(dev|development|test|testing|qa|staging|stage|sandbox|preview|uat)$/i;

function days(from: string | undefined, ctx: EvalContext): number | undefined {
  if (from === undefined) return undefined;
  return Math.floor((ctx.now - parseUtc(from)) / DAY_MS);
}
const len = (xs: readonly unknown[] | undefined) => xs?.length;
const unpinned = (s: Subject): string[] => (s.step?.observed ?? []).flatMap((o) => (o.fact === "third-party-action" && !o.pinned ? [o.uses] : []));

/** A workflow's steps are entries of their own, with their own finding. */
const STEPS = new Set(["steps"]);

/**
 * Whether an entry held a credential-like value. The loader has already replaced it with its
 * marker, so the fact reads the marker, and a finding points at the value that held it.
 */
function secretValueInFile(entity: "identity" | "workflow" | "step" | "agent", skip?: ReadonlySet<string>): FactDef {
  return {
    entity, type: "boolean", label: "credential-like value written in its entry (redacted)", alwaysKnown: true,
    description: `A value in the ${entity}'s own entry looks like a credential (key, token, password, private key); it is redacted in every output.`,
    locate: (data, entry) => redactedPathAt(data, entry, skip),
    get: (s) => {
      const e = s[entity];
      return e === undefined ? undefined : holdsMarker(e, skip);
    },
  };
}

export const FACTS = {
  "incident.active": {
    entity: "incident", type: "boolean", label: "active", alwaysKnown: true,
    description: "The incident says a compromise is ongoing.",
    get: (_s, ctx) => ctx.active,
  },
  "identity.kind": {
    entity: "identity", type: "string", label: "kind", values: IDENTITY_KINDS, path: ["kind"],
    description: "The identity's kind.",
    get: (s) => s.identity?.kind,
  },
  "identity.owner": {
    entity: "identity", type: "string", label: "owner", path: ["owner"],
    description: "The accountable owner; absent when nobody is recorded.",
    get: (s) => s.identity?.owner,
  },
  "identity.teamCount": {
    entity: "identity", type: "number", label: "teams using it", path: ["usedBy"],
    description: "How many teams use the identity (usedBy).",
    get: (s) => len(s.identity?.usedBy),
  },
  "identity.usedBy": {
    entity: "identity", type: "list", label: "used by", path: ["usedBy"],
    description: "The teams that use the identity.",
    get: (s) => s.identity?.usedBy,
  },
  "identity.tenants": {
    entity: "identity", type: "list", label: "tenants", path: ["tenants"],
    description: "The tenants or customers the identity acts for.",
    get: (s) => s.identity?.tenants,
  },
  "identity.tenantCount": {
    entity: "identity", type: "number", label: "tenants", path: ["tenants"],
    description: "How many tenants the identity acts for.",
    get: (s) => len(s.identity?.tenants),
  },
  "identity.mixesEnvironments": {
    entity: "identity", type: "boolean", label: "used in production and non-production", path: ["environments"],
    description: "The identity is used in production and in a non-production environment.",
    get: (s) => {
      const envs = s.identity?.environments;
      if (envs === undefined) return undefined;
      return envs.some((e) => NON_PROD.test(e)) && envs.some((e) => !NON_PROD.test(e));
    },
  },
  "identity.credential.type": {
    entity: "identity", type: "string", label: "credential type", values: CREDENTIAL_TYPES, path: ["credential", "type"],
    description: "How the identity authenticates.",
    get: (s) => s.identity?.credential?.type,
  },
  "identity.credential.storage": {
    entity: "identity", type: "string", label: "credential storage", values: STORAGES, path: ["credential", "storage"],
    description: "Where the credential is kept.",
    get: (s) => s.identity?.credential?.storage,
  },
  "identity.credential.maxAgeDays": {
    entity: "identity", type: "number", label: "credential max age (days)", path: ["credential", "maxAge"],
    description: "The credential's lifetime or rotation interval, in days.",
    get: (s) => {
      const m = s.identity?.credential?.maxAge;
      return m === undefined ? undefined : durationSeconds(m) / 86400;
    },
  },
  "identity.credential.ageDays": {
    entity: "identity", type: "number", label: "credential age (days)", path: ["credential", "lastRotated"],
    description: "Days since the credential was last rotated, against the reference date.",
    get: (s, ctx) => days(s.identity?.credential?.lastRotated, ctx),
  },
  "identity.credential.overdue": {
    entity: "identity", type: "boolean", label: "credential past its max age", path: ["credential", "lastRotated"],
    reads: [["credential", "lastRotated"], ["credential", "maxAge"]],
    description: "The credential is older than its maxAge.",
    get: (s, ctx) => {
      const c = s.identity?.credential;
      const age = days(c?.lastRotated, ctx);
      if (age === undefined || c?.maxAge === undefined) return undefined;
      return age * 86400 > durationSeconds(c.maxAge);
    },
  },
  "identity.privileges": {
    entity: "identity", type: "list", label: "privileges", path: ["privileges"],
    description: "Granted permissions.",
    get: (s) => s.identity?.privileges,
  },
  "identity.broadPrivileges": {
    entity: "identity", type: "boolean", label: "wildcard or admin privileges", path: ["privileges"],
    description: "A privilege is a wildcard or an admin/owner grant, as the pack's privilege classes (privileges.yaml) name them.",
    get: (s, ctx) => s.identity?.privileges?.some((p) => broadClassOf(p, ctx.privileges) !== undefined),
  },
  "identity.observed": {
    entity: "identity", type: "list", label: "observed in its source", path: ["observed"], values: OBSERVATION_FACTS, alwaysKnown: true,
    description: "What its source shows about the identity (each observation's `fact`: aws-access-key, aws-root-user…); empty for an entry no source reader wrote.",
    // An observation is something a source states; a hand-written entry, which has none, is not unknown but unobserved.
    get: (s) => (s.identity ? [...new Set((s.identity.observed ?? []).map((o) => o.fact))] : undefined),
  },
  "identity.humanUse": {
    entity: "identity", type: "boolean", label: "used by people", path: ["humanUse"],
    description: "People log in or act with the identity by hand.",
    get: (s) => s.identity?.humanUse,
  },
  "identity.thirdParty": {
    entity: "identity", type: "boolean", label: "third-party", path: ["thirdParty"],
    description: "A vendor or third-party tool holds or operates the identity.",
    get: (s) => s.identity?.thirdParty,
  },
  "identity.daysSinceUse": {
    entity: "identity", type: "number", label: "days since last use", path: ["lastUsed"],
    description: "Days since the identity last authenticated, against the reference date.",
    get: (s, ctx) => days(s.identity?.lastUsed, ctx),
  },
  "identity.secretValueInFile": secretValueInFile("identity"),
  "workflow.engine": {
    entity: "workflow", type: "string", label: "engine", path: ["engine"],
    description: "The orchestrator that runs the workflow.",
    get: (s) => s.workflow?.engine,
  },
  "workflow.stateIsolation": {
    entity: "workflow", type: "string", label: "state isolation", values: ["per-run", "shared"], path: ["stateIsolation"],
    description: "Whether runs keep their state apart.",
    get: (s) => s.workflow?.stateIsolation,
  },
  "workflow.credentialScope": {
    entity: "workflow", type: "string", label: "credential scope", values: ["per-step", "per-run", "shared"], path: ["credentialScope"],
    description: "How widely one credential is reused across steps and runs.",
    get: (s) => s.workflow?.credentialScope,
  },
  "workflow.secretValueInFile": secretValueInFile("workflow", STEPS),
  "step.privileged": {
    entity: "step", type: "boolean", label: "privileged", path: ["privileged"],
    description: "The step changes production, money, access or data.",
    get: (s) => s.step?.privileged,
  },
  "step.retries": {
    entity: "step", type: "number", label: "retries", path: ["retries"],
    description: "Automatic retries after a failure.",
    get: (s) => s.step?.retries,
  },
  "step.idempotent": {
    entity: "step", type: "boolean", label: "idempotent", path: ["idempotent"],
    description: "Repeating the step is proven harmless.",
    get: (s) => s.step?.idempotent,
  },
  "step.compensation": {
    entity: "step", type: "string", label: "compensation", path: ["compensation"],
    description: "The action that undoes the step on failure.",
    get: (s) => s.step?.compensation,
  },
  "step.approval.required": {
    entity: "step", type: "boolean", label: "approval required", path: ["approval", "required"],
    description: "The step waits for an approval.",
    get: (s) => s.step?.approval?.required,
  },
  "step.approval.singleUse": {
    entity: "step", type: "boolean", label: "approval single-use", path: ["approval", "singleUse"],
    description: "The approval is consumed by one action.",
    get: (s) => s.step?.approval?.singleUse,
  },
  "step.logs": {
    entity: "step", type: "list", label: "logs", values: LOG_FIELDS, path: ["logs"],
    description: "What the step's logs record (actor, action, resource, decision, outcome).",
    get: (s) => s.step?.logs,
  },
  "step.observed": {
    entity: "step", type: "list", label: "observed in its source", path: ["observed"], values: OBSERVATION_FACTS, alwaysKnown: true,
    description: "What its source shows about the step (each observation's `fact`: untrusted-checkout, secrets-inherit…); empty for an entry no source reader wrote.",
    get: (s) => (s.step ? [...new Set((s.step.observed ?? []).map((o) => o.fact))] : undefined),
  },
  "step.unpinnedActions": {
    entity: "step", type: "number", label: "third-party actions not pinned to a commit", path: ["observed"], alwaysKnown: true,
    description: "How many third-party actions or reusable workflows the step runs by a tag or branch rather than a full commit SHA (observations third-party-action with pinned: false).",
    detail: (s) => unpinned(s).join(", ") || undefined,
    get: (s) => (s.step ? unpinned(s).length : undefined),
  },
  "step.secretValueInFile": secretValueInFile("step"),
  "agent.tools": {
    entity: "agent", type: "list", label: "tools", path: ["tools"],
    description: "Tools or permissions the agent may call.",
    get: (s) => s.agent?.tools,
  },
  "agent.toolCount": {
    entity: "agent", type: "number", label: "tool count", path: ["tools"],
    description: "How many tools the agent may call.",
    get: (s) => len(s.agent?.tools),
  },
  "agent.delegateCount": {
    entity: "agent", type: "number", label: "delegates", path: ["delegatesTo"],
    description: "How many agents it hands sub-tasks to.",
    get: (s) => len(s.agent?.delegatesTo),
  },
  "agent.inheritsScope": {
    entity: "agent", type: "boolean", label: "delegates inherit its scope", path: ["inheritsScope"],
    description: "Delegated agents inherit this agent's scope.",
    get: (s) => s.agent?.inheritsScope,
  },
  "agent.runtimeAuthorization": {
    entity: "agent", type: "boolean", label: "runtime authorization", path: ["runtimeAuthorization"],
    description: "Each tool call is authorized at request time.",
    get: (s) => s.agent?.runtimeAuthorization,
  },
  "agent.identityUsedBySteps": {
    entity: "agent", type: "boolean", label: "identity also used by workflow steps", path: ["identity"],
    description: "The identity the agent acts as is also the identity of a workflow step; unknown when the agent names no identity.",
    get: (s) => (s.agent === undefined || s.identitySteps === undefined ? undefined : s.identitySteps.length > 0),
    detail: (s) => s.identitySteps?.join(", "),
  },
  "agent.secretValueInFile": secretValueInFile("agent"),
} satisfies Record<string, FactDef>;

export type FactName = keyof typeof FACTS;
export const FACT_NAMES = Object.keys(FACTS) as FactName[];

export function factDef(name: string): FactDef | undefined {
  return (FACTS as Record<string, FactDef>)[name];
}

/** Which fact entities a rule on this subject can read. */
export const ENTITIES_BY_SUBJECT = {
  incident: ["incident"],
  identity: ["incident", "identity"],
  workflow: ["incident", "workflow"],
  step: ["incident", "workflow", "step", "identity"],
  agent: ["incident", "agent", "identity"],
} as const satisfies Record<SubjectKind, readonly FactEntity[]>;
