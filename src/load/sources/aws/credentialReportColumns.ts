/**
 * The columns of `aws iam get-credential-report`, in the order AWS writes them (IAM User
 * Guide, "Getting credential reports"). A file whose first line starts with the first three
 * is a credential report, whatever its name.
 */
export const CREDENTIAL_REPORT_COLUMNS = [
  "user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
  "password_next_rotation", "mfa_active", "access_key_1_active", "access_key_1_last_rotated",
  "access_key_1_last_used_date", "access_key_1_last_used_region", "access_key_1_last_used_service",
  "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
  "access_key_2_last_used_region", "access_key_2_last_used_service", "cert_1_active", "cert_1_last_rotated",
  "cert_2_active", "cert_2_last_rotated",
] as const;

export type ReportColumn = (typeof CREDENTIAL_REPORT_COLUMNS)[number];

/** The first line of a credential report, as far as it tells one apart from any other CSV. */
export const REPORT_START = /^\uFEFF?"?user"?,"?arn"?,"?user_creation_time"?(?:,|\r?\n|$)/;

/** The row AWS writes for the account's root user in place of a user name. */
export const ROOT_ROW = "<root_account>";
