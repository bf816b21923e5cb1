import { API_VERSION, isCalendarDate } from "./common.js";
import { CREDENTIAL_TYPES, IDENTITY_KINDS, LOG_FIELDS, STORAGES } from "./inventory.js";
import { SOURCE_KINDS } from "./source.js";

/**
 * Whether inventory data certainly passes the `Inventory` schema: a plain-code check of the
 * same rules, so a large valid inventory is used as read instead of being copied by zod
 * (about a second and several hundred MB at 1M identities). It only ever says yes to data
 * zod accepts, and zod would return the same values; anything it is unsure of (or that is
 * wrong) goes to zod, whose messages are the ones users see. A property test holds it to
 * that, on generated and mutated inventories.
 */
export function inventoryFastCheck(data: unknown): boolean {
  if (!isRecord(data) || !onlyKeys(data, INVENTORY_KEYS)) return false;
  if (data.apiVersion !== API_VERSION || data.kind !== "Inventory") return false;
  return (
    optionalList(data.identities, isIdentity) && optionalList(data.workflows, isWorkflow) && optionalList(data.agents, isAgent)
  );
}

const INVENTORY_KEYS = new Set(["apiVersion", "kind", "identities", "workflows", "agents"]);
const IDENTITY_KEYS = new Set(["id", "kind", "owner", "usedBy", "tenants", "environments", "credential", "privileges", "humanUse", "thirdParty", "lastUsed", "source"]);
const CREDENTIAL_KEYS = new Set(["type", "maxAge", "lastRotated", "storage"]);
const WORKFLOW_KEYS = new Set(["id", "engine", "stateIsolation", "credentialScope", "steps", "source"]);
const SOURCE_KEYS = new Set(["file", "line", "column", "kind"]);
const SOURCE_KIND_SET = new Set<unknown>(SOURCE_KINDS);
const STEP_KEYS = new Set(["id", "identity", "privileged", "retries", "idempotent", "compensation", "approval", "logs", "source"]);
const APPROVAL_KEYS = new Set(["required", "singleUse"]);
const AGENT_KEYS = new Set(["id", "identity", "tools", "delegatesTo", "inheritsScope", "runtimeAuthorization", "source"]);
const IDENTITY_KIND_SET = new Set<unknown>(IDENTITY_KINDS);
const CREDENTIAL_TYPE_SET = new Set<unknown>(CREDENTIAL_TYPES);
const STORAGE_SET = new Set<unknown>(STORAGES);
const LOG_FIELD_SET = new Set<unknown>(LOG_FIELDS);
const STATE_ISOLATION = new Set<unknown>(["per-run", "shared"]);
const CREDENTIAL_SCOPE = new Set<unknown>(["per-step", "per-run", "shared"]);
const DURATION = /^[1-9][0-9]*[smhd]$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

type Rec = Record<string, unknown>;

function isRecord(v: unknown): v is Rec {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** No key outside the schema's, and none holding undefined (zod would drop it from its copy). */
function onlyKeys(v: Rec, keys: ReadonlySet<string>): boolean {
  for (const k in v) if (!keys.has(k) || v[k] === undefined) return false;
  return Object.getOwnPropertySymbols(v).length === 0;
}

const nonEmpty = (v: unknown): boolean => typeof v === "string" && v.length > 0;
const optional = (v: unknown, test: (x: unknown) => boolean): boolean => v === undefined || test(v);
const inSet = (set: ReadonlySet<unknown>) => (v: unknown) => typeof v === "string" && set.has(v);
const isBoolean = (v: unknown): boolean => typeof v === "boolean";
const isDate = (v: unknown): boolean => typeof v === "string" && ISO_DATE.test(v) && isCalendarDate(v);

function isList(v: unknown, item: (x: unknown) => boolean): boolean {
  if (!Array.isArray(v) || Object.getPrototypeOf(v) !== Array.prototype) return false;
  for (let i = 0; i < v.length; i++) if (!(i in v) || !item(v[i])) return false;
  return true;
}
const optionalList = (v: unknown, item: (x: unknown) => boolean): boolean => v === undefined || isList(v, item);
const isNonEmptyList = (v: unknown): boolean => v === undefined || isList(v, nonEmpty);

function isIdentity(v: unknown): boolean {
  return (
    isRecord(v) && onlyKeys(v, IDENTITY_KEYS) && nonEmpty(v.id) && inSet(IDENTITY_KIND_SET)(v.kind) &&
    optional(v.owner, nonEmpty) && isNonEmptyList(v.usedBy) && isNonEmptyList(v.tenants) && isNonEmptyList(v.environments) &&
    optional(v.credential, isCredential) && isNonEmptyList(v.privileges) && optional(v.humanUse, isBoolean) &&
    optional(v.thirdParty, isBoolean) && optional(v.lastUsed, isDate) && optional(v.source, isSource)
  );
}

function isCredential(v: unknown): boolean {
  return (
    isRecord(v) && onlyKeys(v, CREDENTIAL_KEYS) && optional(v.type, inSet(CREDENTIAL_TYPE_SET)) &&
    optional(v.maxAge, (x) => typeof x === "string" && DURATION.test(x)) && optional(v.lastRotated, isDate) && optional(v.storage, inSet(STORAGE_SET))
  );
}

function isWorkflow(v: unknown): boolean {
  return (
    isRecord(v) && onlyKeys(v, WORKFLOW_KEYS) && nonEmpty(v.id) && optional(v.engine, nonEmpty) &&
    optional(v.stateIsolation, inSet(STATE_ISOLATION)) && optional(v.credentialScope, inSet(CREDENTIAL_SCOPE)) && optionalList(v.steps, isStep) &&
    optional(v.source, isSource)
  );
}

function isStep(v: unknown): boolean {
  return (
    isRecord(v) && onlyKeys(v, STEP_KEYS) && nonEmpty(v.id) && optional(v.identity, nonEmpty) && optional(v.privileged, isBoolean) &&
    optional(v.retries, (x) => typeof x === "number" && Number.isSafeInteger(x) && x >= 0) && optional(v.idempotent, isBoolean) &&
    optional(v.compensation, nonEmpty) && optional(v.approval, isApproval) && optionalList(v.logs, inSet(LOG_FIELD_SET)) && optional(v.source, isSource)
  );
}

function isApproval(v: unknown): boolean {
  return isRecord(v) && onlyKeys(v, APPROVAL_KEYS) && optional(v.required, isBoolean) && optional(v.singleUse, isBoolean);
}

function isAgent(v: unknown): boolean {
  return (
    isRecord(v) && onlyKeys(v, AGENT_KEYS) && nonEmpty(v.id) && optional(v.identity, nonEmpty) && isNonEmptyList(v.tools) &&
    isNonEmptyList(v.delegatesTo) && optional(v.inheritsScope, isBoolean) && optional(v.runtimeAuthorization, isBoolean) && optional(v.source, isSource)
  );
}

const isLine = (x: unknown): boolean => typeof x === "number" && Number.isSafeInteger(x) && x >= 1;

function isSource(v: unknown): boolean {
  return isRecord(v) && onlyKeys(v, SOURCE_KEYS) && nonEmpty(v.file) && isLine(v.line) && optional(v.column, isLine) && inSet(SOURCE_KIND_SET)(v.kind);
}
