import type { Observation } from "../../schema/source.js";
import type { Position } from "../../sourceDoc.js";

export type Level = "read" | "write";

/** A job's GITHUB_TOKEN permissions as the file states them; `none` is no block at all. */
export type TokenPermissions =
  | { kind: "all"; level: Level }
  | { kind: "scopes"; scopes: Readonly<Record<string, Level>> }
  | { kind: "none" }
  | { kind: "invalid" };

export type CloudProvider = "aws" | "gcp" | "azure";

/** A cloud login step: federated through the job's OIDC token, or with a static key. */
export type CloudLogin =
  | { via: "oidc"; provider: CloudProvider; maxAgeSeconds?: number; at: Position }
  | { via: "static"; provider: CloudProvider; secret?: string; literal: boolean; at: Position };

export interface SecretUse {
  name: string;
  at: Position;
}

export interface JobFacts {
  id: string;
  at: Position;
  permissions: TokenPermissions;
  /** The block the permissions come from (the job's, else the workflow's); the job when none. */
  permissionsAt: Position;
  /** First use of each secret, by name. */
  secrets: SecretUse[];
  logins: CloudLogin[];
  observed: Observation[];
  /** The deployment environment the job runs in, when the file names it (not an expression). */
  environment?: string;
  /** Where `environment:` is written; with `environment`. */
  environmentAt?: Position;
  /** Undefined when `runs-on` is an expression or a runner group only. */
  selfHosted?: boolean;
  retries?: number;
}

export interface WorkflowFacts {
  file: string;
  at: Position;
  triggers: string[];
  jobs: JobFacts[];
}
