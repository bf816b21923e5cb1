import { z } from "zod";
import { API_VERSION, DateString, Duration, Id } from "./common.js";
import { Observation, Source } from "./source.js";

export const IDENTITY_KINDS = [
  "service-account", "api-key", "oauth-client", "access-token", "workload", "agent", "certificate", "bot",
] as const;
export const CREDENTIAL_TYPES = ["static-secret", "password", "short-lived-token", "workload-identity", "certificate"] as const;
export const STORAGES = ["vault", "secret-manager", "ci-variable", "env-file", "source-code", "unknown"] as const;
export const LOG_FIELDS = ["actor", "action", "resource", "decision", "outcome"] as const;

export const Credential = z.strictObject({
  type: z.enum(CREDENTIAL_TYPES).optional().describe("How the identity authenticates."),
  maxAge: Duration.optional().describe("Lifetime or rotation interval."),
  lastRotated: DateString.optional().describe("When the credential was last issued or rotated."),
  storage: z.enum(STORAGES).optional().describe("Where the credential is kept."),
});

export const Identity = z.strictObject({
  id: Id,
  kind: z.enum(IDENTITY_KINDS).describe("What sort of non-human identity this is."),
  owner: z.string().min(1).optional().describe("The accountable owner (a team or person)."),
  usedBy: z.array(z.string().min(1)).optional().describe("Teams that use this identity."),
  tenants: z.array(z.string().min(1)).optional().describe("Tenants or customers it acts for."),
  environments: z.array(z.string().min(1)).optional().describe("Environments it is used in (prod, staging…)."),
  credential: Credential.optional(),
  privileges: z.array(z.string().min(1)).optional().describe("Granted permissions, e.g. repo:write, prod:admin."),
  humanUse: z.boolean().optional().describe("Do people log in or act with it by hand?"),
  thirdParty: z.boolean().optional().describe("Is it held or operated by a vendor or third-party tool?"),
  lastUsed: DateString.optional().describe("When it last authenticated."),
  observed: z.array(Observation).optional().describe("What the source shows about the identity that no other field holds (discovered entries)."),
  source: Source.optional(),
});

export const Approval = z.strictObject({
  required: z.boolean().optional().describe("Does the step wait for an approval?"),
  singleUse: z.boolean().optional().describe("Is the approval consumed by one action?"),
});

export const Step = z.strictObject({
  id: Id,
  identity: Id.optional().describe("The identity the step acts as."),
  privileged: z.boolean().optional().describe("Does the step change production, money, access or data?"),
  retries: z.number().int().min(0).optional().describe("Automatic retries after a failure."),
  idempotent: z.boolean().optional().describe("Is repeating the step proven harmless?"),
  compensation: z.string().min(1).optional().describe("The action that undoes the step on failure."),
  approval: Approval.optional(),
  logs: z.array(z.enum(LOG_FIELDS)).optional().describe("What the step's logs record."),
  observed: z.array(Observation).optional().describe("What the source shows about the step that no other field holds (discovered entries)."),
  source: Source.optional(),
});

export const Workflow = z.strictObject({
  id: Id,
  engine: z.string().min(1).optional().describe("The orchestrator, e.g. github-actions, argo, airflow."),
  stateIsolation: z.enum(["per-run", "shared"]).optional().describe("Can one run read or overwrite another's state?"),
  credentialScope: z.enum(["per-step", "per-run", "shared"]).optional().describe("How widely one credential is reused."),
  steps: z.array(Step).optional(),
  source: Source.optional(),
});

export const Agent = z.strictObject({
  id: Id,
  identity: Id.optional().describe("The identity the agent acts as."),
  tools: z.array(z.string().min(1)).optional().describe("Tools or permissions the agent may call."),
  delegatesTo: z.array(Id).optional().describe("Agents it hands sub-tasks to."),
  inheritsScope: z.boolean().optional().describe("Do delegated agents inherit this agent's scope?"),
  runtimeAuthorization: z.boolean().optional().describe("Is each tool call authorized at request time?"),
  source: Source.optional(),
});

export const Inventory = z.strictObject({
  apiVersion: z.literal(API_VERSION).describe(`Always ${API_VERSION}.`),
  kind: z.literal("Inventory"),
  identities: z.array(Identity).optional(),
  workflows: z.array(Workflow).optional(),
  agents: z.array(Agent).optional(),
});

export type Inventory = z.infer<typeof Inventory>;
export type Identity = z.infer<typeof Identity>;
export type Workflow = z.infer<typeof Workflow>;
export type Step = z.infer<typeof Step>;
export type Agent = z.infer<typeof Agent>;
