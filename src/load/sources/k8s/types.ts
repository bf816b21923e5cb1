import type { Position } from "../../sourceDoc.js";

/** A place in a source file: what an entry's `source` and an observation's position are made of. */
export interface Place extends Position {
  file: string;
}

export type CloudProvider = "aws" | "gcp" | "azure";

export interface WorkloadLink {
  provider: CloudProvider;
  annotation: string;
  target: string;
  /** IRSA's `eks.amazonaws.com/token-expiration`; the others state none on the ServiceAccount. */
  maxAgeSeconds?: number;
  at: Place;
}

export interface ServiceAccountFact {
  namespace: string;
  name: string;
  automount?: boolean;
  automountAt?: Place;
  links: WorkloadLink[];
  at: Place;
}

/** A Secret of type kubernetes.io/service-account-token; its value is never read. */
export interface TokenSecretFact {
  namespace: string;
  name: string;
  serviceAccount: string;
  /** The date part of `metadata.creationTimestamp`, when the export has one. */
  created?: string;
  lastUsed?: string;
  invalidSince?: string;
  valueInFile: boolean;
  at: Place;
}

export interface PolicyRuleFact {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
  at: Place;
}

export interface RoleFact {
  kind: "Role" | "ClusterRole";
  /** Absent for a ClusterRole. */
  namespace?: string;
  name: string;
  rules: PolicyRuleFact[];
  /** An aggregationRule: the rules the controller fills in are not in a manifest. */
  aggregated: boolean;
  at: Place;
}

export interface SubjectFact {
  kind: string;
  name: string;
  namespace?: string;
  at: Place;
}

export interface BindingFact {
  kind: "RoleBinding" | "ClusterRoleBinding";
  /** Absent for a ClusterRoleBinding. */
  namespace?: string;
  name: string;
  roleRef: { kind: "Role" | "ClusterRole"; name: string; at: Place };
  subjects: SubjectFact[];
  at: Place;
}

/** A pod template (or a Pod) and the ServiceAccount it runs as. */
export interface PodUseFact {
  /** `<Kind>/<namespace>/<name>`. */
  workload: string;
  namespace: string;
  serviceAccount: string;
  automount?: boolean;
  /** Projected serviceAccountToken volumes' lifetimes (the API's default, 1 h, when unset). */
  projectedSeconds: number[];
  at: Place;
}

export interface KubernetesFacts {
  serviceAccounts: ServiceAccountFact[];
  tokenSecrets: TokenSecretFact[];
  roles: RoleFact[];
  bindings: BindingFact[];
  pods: PodUseFact[];
}
