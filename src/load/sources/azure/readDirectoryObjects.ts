import { diagnostic, InputError, type Diagnostic } from "../../diagnostic.js";
import { isCalendarDate } from "../../schema/common.js";
import type { SecretHit } from "../../../redact/redactDocument.js";
import { readJsonList, secretAt } from "../readJsonList.js";
import { DirectoryObjects } from "./directoryObjectsSchema.js";
import type { AzureCredential, AzureObject, DirectoryObjectsFacts } from "./types.js";

export const DIRECTORY_OBJECTS_LABEL = "an Entra ID service principal or application list (`az ad sp list --all` / `az ad app list --all`: a JSON list of objects with `appId` and `passwordCredentials`)";

/** What only these lists hold: an appId beside the credential lists Graph always returns. */
const MEANT = /"appId"\s*:/;
const CREDENTIALS = /"(?:passwordCredentials|keyCredentials)"\s*:/;
/** What the portal and Graph write for a credential that never expires. */
const NEVER = /^(?:229[9]|23\d\d|[3-9]\d\d\d)-/;

export interface DirectoryObjectsRead {
  facts: DirectoryObjectsFacts;
  /** A `secretText` az printed when it created a secret: the secret itself, never copied. */
  secrets: SecretHit[];
}

/**
 * The applications and service principals of `az ad sp list` / `az ad app list` exports, or
 * undefined when the file is other JSON (and not `mustBe` this). Throws an InputError for a
 * list it cannot read, at file:line:column. Keeps ids and dates only: no hint or secret text.
 */
export function readDirectoryObjects(file: string, text: string, mustBe: boolean): DirectoryObjectsRead | undefined {
  const meant = mustBe || (MEANT.test(text) && CREDENTIALS.test(text));
  if (!meant) return undefined;
  const list = readJsonList(file, text, mustBe, "a service principal or application list", DIRECTORY_OBJECTS_LABEL, DirectoryObjects);
  if (!list) return undefined;
  const { doc, sources } = list;
  const problems: Diagnostic[] = [];
  const secrets: SecretHit[] = [];
  const objects = list.data.map((o, i): AzureObject => {
    const credentials: AzureCredential[] = [];
    for (const [field, kind] of [["passwordCredentials", "password"], ["keyCredentials", "key"]] as const) {
      (o[field] ?? []).forEach((c, j) => {
        const path = [i, field, j];
        const date = (name: "startDateTime" | "endDateTime"): string | undefined => {
          const v = c[name];
          if (v === undefined || v === null) return undefined;
          if (isCalendarDate(v)) return v;
          problems.push(diagnostic(file, doc.locate([...path, name]), `${name} "${v}" is not a date: expected an ISO 8601 time such as 2026-01-10T08:30:00Z`));
          return undefined;
        };
        const start = date("startDateTime");
        const endText = date("endDateTime");
        const neverExpires = endText !== undefined && NEVER.test(endText);
        const end = neverExpires ? undefined : endText;
        if (typeof c["secretText"] === "string" && c["secretText"] !== "") secrets.push(secretAt(doc, [...path, "secretText"], "azure-client-secret"));
        credentials.push({ kind, keyId: c.keyId, neverExpires, ...(start ? { start } : {}), ...(end ? { end } : {}), at: doc.locate(path) ?? { line: 1, column: 1 } });
      });
    }
    const object: AzureObject = { type: o.servicePrincipalType ? "service-principal" : "application", appId: o.appId, credentials, at: doc.locate([i]) ?? { line: 1, column: 1 } };
    if (o.displayName) object.displayName = o.displayName;
    if (o.servicePrincipalType) object.servicePrincipalType = o.servicePrincipalType;
    if (o.appOwnerOrganizationId) object.ownerOrganization = o.appOwnerOrganizationId;
    return object;
  });
  if (problems.length) throw new InputError(problems, sources);
  return { facts: { file, objects }, secrets };
}
