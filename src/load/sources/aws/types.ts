import type { Position } from "../../sourceDoc.js";

/** One access key or signing certificate slot of a credential report row. */
export interface ReportCredential {
  slot: 1 | 2;
  active: boolean;
  lastRotated?: string;
  lastUsed?: string;
  /** Its `_active` field. */
  at: Position;
}

/** One row of the credential report: an IAM user, or the root user. */
export interface ReportUser {
  user: string;
  arn: string;
  root: boolean;
  /** The row's first field. */
  at: Position;
  /** Unknown for the root user, whose password the report does not describe. */
  passwordEnabled?: boolean;
  passwordLastUsed?: string;
  passwordLastChanged?: string;
  passwordAt: Position;
  mfaActive?: boolean;
  mfaAt: Position;
  keys: ReportCredential[];
  certs: ReportCredential[];
}

export interface CredentialReportFacts {
  file: string;
  users: ReportUser[];
}
