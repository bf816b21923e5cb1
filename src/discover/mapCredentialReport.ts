import type { Identity } from "../load/schema/inventory.js";
import type { Observation } from "../load/schema/source.js";
import { definedField } from "../load/definedField.js";
import type { CredentialReportFacts, ReportCredential, ReportUser } from "../load/sources/aws/types.js";
import { AWS_ROOT_ID, awsIdentityId } from "./awsIdentityId.js";

/**
 * A credential report's rows as identities. A user's credential is its weakest: active access
 * keys (static secrets) before a console password before a signing certificate, and of two
 * active keys the one rotated longest ago. The report says nothing about privileges: those
 * come from an authorization-details export of the same account, merged by id.
 */
export function mapCredentialReport(facts: CredentialReportFacts): Identity[] {
  return facts.users.map((u) => mapUser(u, facts.file));
}

function mapUser(u: ReportUser, file: string): Identity {
  const keys = u.keys.filter((k) => k.active);
  const certs = u.certs.filter((c) => c.active);
  const observed: Observation[] = [];
  if (u.root) observed.push({ fact: "aws-root-user", ...u.at });
  for (const k of keys) observed.push({ fact: "aws-access-key", key: k.slot, ...definedField("lastRotated", k.lastRotated), ...definedField("lastUsed", k.lastUsed), ...k.at });
  if (keys.length === 2) observed.push({ fact: "aws-two-active-keys", ...keys[1]!.at });
  // The root user always has a password; the report writes not_supported for it.
  const password = u.passwordEnabled ?? (u.root ? true : undefined);
  if (password) {
    observed.push({ fact: "aws-console-password", ...definedField("lastUsed", u.passwordLastUsed), ...u.passwordAt });
    if (u.mfaActive === false) observed.push({ fact: "aws-no-mfa", ...u.mfaAt });
  }
  return {
    id: u.root ? AWS_ROOT_ID : awsIdentityId("user", u.user),
    kind: "service-account",
    ...definedField("credential", credential(keys, password ? u.passwordLastChanged : undefined, password === true, certs)),
    // A console password means a person can sign in as it; without one, nothing says who acts.
    ...(password ? { humanUse: true } : {}),
    // The use of the credential it has: an access key unused for months is not in use because someone signs in.
    ...definedField("lastUsed", keys.length ? latest(keys.map((k) => k.lastUsed)) : password ? u.passwordLastUsed : undefined),
    ...(observed.length ? { observed } : {}),
    source: { file, line: u.at.line, column: u.at.column, kind: "aws-credential-report" },
  };
}

function credential(keys: readonly ReportCredential[], passwordChanged: string | undefined, password: boolean, certs: readonly ReportCredential[]): Identity["credential"] {
  if (keys.length) return { type: "static-secret", ...definedField("lastRotated", oldest(keys.map((k) => k.lastRotated))) };
  if (password) return { type: "password", ...definedField("lastRotated", passwordChanged) };
  if (certs.length) return { type: "certificate", ...definedField("lastRotated", oldest(certs.map((c) => c.lastRotated))) };
  return undefined;
}

const time = (d: string) => Date.parse(d);

/** The earliest known date; unknown when any is, since an unknown rotation may be the oldest. */
function oldest(dates: ReadonlyArray<string | undefined>): string | undefined {
  if (dates.some((d) => d === undefined)) return undefined;
  return (dates as string[]).reduce((a, b) => (time(b) < time(a) ? b : a));
}

/** The latest known date: the report writes N/A for a key never used, and no_information for a password never used since 2014. */
function latest(dates: ReadonlyArray<string | undefined>): string | undefined {
  const known = dates.filter((d): d is string => d !== undefined);
  return known.length ? known.reduce((a, b) => (time(b) > time(a) ? b : a)) : undefined;
}
