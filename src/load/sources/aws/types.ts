import type { Observation } from "../../schema/source.js";
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

/** An IAM user or role of an authorization-details export, its grants resolved through its groups and managed policies. */
export interface AwsPrincipal {
  kind: "user" | "role";
  name: string;
  arn: string;
  /** Its entry in the export. */
  at: Position;
  privileges: string[];
  observed: Observation[];
  /** Roles: assumed through an OIDC provider, or a SAML one (people, through single sign-on). */
  oidc?: boolean;
  saml?: boolean;
  lastUsed?: string;
}

export interface AuthorizationDetailsFacts {
  file: string;
  principals: AwsPrincipal[];
}
