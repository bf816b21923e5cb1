import { diagnostic, InputError, type Diagnostic } from "../../diagnostic.js";
import { isCalendarDate } from "../../schema/common.js";
import type { SecretHit } from "../../../redact/redactDocument.js";
import { readJsonList, secretAt } from "../readJsonList.js";
import { KEY_NAME, ServiceAccountKeys } from "./serviceAccountKeysSchema.js";
import type { GcpKey, GcpServiceAccount, ServiceAccountKeysFacts } from "./types.js";

export const SERVICE_ACCOUNT_KEYS_LABEL = "a GCP service-account key list (`gcloud iam service-accounts keys list --format=json`: a JSON list of keys with `name` and `keyType`)";

/** What only a key list holds: a key name under serviceAccounts and its keyType. */
const MEANT = /"name"\s*:\s*"projects\/[^"]*\/serviceAccounts\/[^"]*\/keys\//;
const KEY_TYPE = /"keyType"\s*:/;

/** gcloud writes a key that never expires as valid before the last day of year 9999. */
const NEVER = /^9999-/;

/**
 * The service accounts of one or more `gcloud iam service-accounts keys list` exports, each
 * with its keys, or undefined when the file is other JSON (and not `mustBe` this). Throws an
 * InputError for a list it cannot read, at file:line:column. No key material is read: a
 * freshly created key's privateKeyData is never copied.
 */
export interface ServiceAccountKeysRead {
  facts: ServiceAccountKeysFacts;
  /** The privateKeyData of a key the list was made right after creating: the key itself, never copied. */
  secrets: SecretHit[];
}

export function readServiceAccountKeys(file: string, text: string, mustBe: boolean): ServiceAccountKeysRead | undefined {
  const meant = mustBe || (MEANT.test(text) && KEY_TYPE.test(text));
  if (!meant) return undefined;
  const list = readJsonList(file, text, mustBe, "a service-account key list", SERVICE_ACCOUNT_KEYS_LABEL, ServiceAccountKeys);
  if (!list) return undefined;
  const { doc, sources } = list;
  const problems: Diagnostic[] = [];
  const secrets: SecretHit[] = [];
  const accounts = new Map<string, GcpServiceAccount>();
  list.data.forEach((k, i) => {
    const [, project, email, id] = KEY_NAME.exec(k.name)!;
    const at = doc.locate([i]) ?? { line: 1, column: 1 };
    const date = (field: "validAfterTime" | "validBeforeTime"): string | undefined => {
      const v = k[field];
      if (v === undefined || NEVER.test(v)) return undefined;
      if (isCalendarDate(v)) return v;
      problems.push(diagnostic(file, doc.locate([i, field]), `${field} "${v}" is not a date: expected an RFC 3339 time such as 2026-01-10T08:30:00Z`));
      return undefined;
    };
    const neverExpires = k.validBeforeTime !== undefined && NEVER.test(k.validBeforeTime);
    if (typeof k["privateKeyData"] === "string" && k["privateKeyData"] !== "") secrets.push(secretAt(doc, [i, "privateKeyData"], "private-key"));
    const key: GcpKey = { id: id!, userManaged: k.keyType === "USER_MANAGED", disabled: k.disabled === true, neverExpires, at };
    const validAfter = date("validAfterTime");
    const validBefore = date("validBeforeTime");
    if (validAfter !== undefined) key.validAfter = validAfter;
    if (validBefore !== undefined) key.validBefore = validBefore;
    const name = `${project}/${email}`;
    const account = accounts.get(name) ?? { project: project!, email: email!, at, keys: [] };
    account.keys.push(key);
    accounts.set(name, account);
  });
  if (problems.length) throw new InputError(problems, sources);
  return { facts: { file, accounts: [...accounts.values()] }, secrets };
}
