/**
 * The inventory id of an IAM user or role, the same from a credential report and from an
 * authorization-details export, so the two merge. IAM names may hold `+ = , @`, which ids do
 * not (`=` would read as `key=value` to redaction): each becomes `_`.
 */
export function awsIdentityId(kind: "user" | "role", name: string): string {
  return `aws/iam/${kind}/${name.replace(/[^A-Za-z0-9_.-]/g, "_")}`;
}

/** The root user has no name of its own: one id per account's report. */
export const AWS_ROOT_ID = "aws/root";
