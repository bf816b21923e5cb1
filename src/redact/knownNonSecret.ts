/**
 * Values that look like credentials to a detector and are, by their provider's own account,
 * identifiers: AWS account ids and the unique ids of IAM users, roles, groups and policies
 * (AIDA…, AROA…; only AKIA/ASIA/ABIA/ACCA/A3T ids belong to access keys), the names AWS
 * gives IAM Identity Center roles (AWSReservedSSO_<permission set>_<hex>), and a
 * percent-encoded document (a trust policy as the IAM API returns it). Redacting them would
 * turn an authorization-details export into markers and teach users to ignore the warning.
 */
const IAM_UNIQUE_ID = /^(?:AIDA|AROA|AGPA|ANPA|ANVA|AIPA|APKA)[A-Z0-9]{12,}$/;
const ACCOUNT_ID = /^\D{0,40}\d{12}"?$/;
const SSO_ROLE = /AWSReservedSSO_[\w+=,.@-]+_[0-9a-f]{8,16}/;

export function isKnownNonSecret(value: string, kind: string): boolean {
  if (kind === "aws") return IAM_UNIQUE_ID.test(value) || (ACCOUNT_ID.test(value) && !/[A-Za-z0-9/+]{40}/.test(value));
  if (kind === "high-entropy") return SSO_ROLE.test(value) || percentEncodedDocument(value);
  return false;
}

function percentEncodedDocument(value: string): boolean {
  const escapes = value.match(/%[0-9A-Fa-f]{2}/g)?.length ?? 0;
  if (escapes < 5) return false;
  try {
    return /["{}\s]/.test(decodeURIComponent(value));
  } catch {
    return false;
  }
}
