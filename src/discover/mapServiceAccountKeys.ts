import { definedField } from "../load/definedField.js";
import type { Identity } from "../load/schema/inventory.js";
import type { Observation } from "../load/schema/source.js";
import type { GcpKey, GcpServiceAccount, ServiceAccountKeysFacts } from "../load/sources/gcp/types.js";
import { durationBetween } from "./durationBetween.js";

/**
 * A key list's service accounts as identities. The credential is the weakest key's: an
 * enabled user-managed key is a static secret someone holds, and of several the one made
 * longest ago; with only Google's own (system-managed) keys the account's credentials are
 * short-lived tokens Google rotates. The list says nothing about roles: privileges stay unknown.
 */
export function mapServiceAccountKeys(facts: ServiceAccountKeysFacts): Identity[] {
  return facts.accounts.map((a) => mapAccount(a, facts.file));
}

/** The inventory id of a service account; `@` is not an id character, so the email's becomes `_`. */
export function gcpServiceAccountId(project: string, email: string): string {
  return `gcp/${project}/serviceaccount/${email.replace(/[^A-Za-z0-9_.-]/g, "_")}`;
}

function mapAccount(a: GcpServiceAccount, file: string): Identity {
  const live = a.keys.filter((k) => k.userManaged && !k.disabled);
  const observed: Observation[] = [];
  for (const k of live) {
    observed.push({ fact: "gcp-user-managed-key", keyId: k.id, ...definedField("created", k.validAfter), ...definedField("expires", k.validBefore), ...k.at });
    if (k.neverExpires) observed.push({ fact: "gcp-key-never-expires", keyId: k.id, ...k.at });
  }
  return {
    id: gcpServiceAccountId(a.project, a.email),
    kind: "service-account",
    credential: live.length ? staticKey(live) : { type: "short-lived-token" },
    ...(observed.length ? { observed } : {}),
    source: { file, line: a.at.line, column: a.at.column, kind: "gcp-service-account-keys" },
  };
}

function staticKey(keys: readonly GcpKey[]): NonNullable<Identity["credential"]> {
  // A key whose creation the list does not give may be the oldest: the rotation is then unknown.
  if (keys.some((k) => k.validAfter === undefined)) return { type: "static-secret" };
  const oldest = keys.reduce((a, b) => (Date.parse(b.validAfter!) < Date.parse(a.validAfter!) ? b : a));
  const maxAge = oldest.validBefore === undefined ? undefined : durationBetween(oldest.validAfter!, oldest.validBefore);
  return { type: "static-secret", ...definedField("maxAge", maxAge), lastRotated: oldest.validAfter! };
}
