import type { Observation } from "../../load/schema/source.js";
import type { BindingFact, Place, RoleFact } from "../../load/sources/k8s/types.js";
import { ruleFlags, rulePrivileges } from "./rulePrivileges.js";

/** What one binding grants each of its ServiceAccounts; observations carry their place, `file` included. */
export interface Grant {
  privileges: string[];
  observed: Array<{ observation: Observation; at: Place }>;
}

/** The ClusterRole that is every verb on everything; its name is all a binding needs to say. */
const CLUSTER_ADMIN = "cluster-admin";

export const roleKey = (kind: RoleFact["kind"], name: string, namespace?: string) => (kind === "Role" ? `Role/${namespace}/${name}` : `ClusterRole/${name}`);

/**
 * The privileges and flagged patterns a binding grants. A RoleBinding confines even a
 * ClusterRole to its own namespace (`@<ns>` on every privilege); a ClusterRoleBinding grants
 * cluster-wide. A role the files do not hold, or an aggregated one whose rules they do not
 * show, is named and observed as unknown, never guessed.
 */
export function bindingGrants(b: BindingFact, roles: ReadonlyMap<string, RoleFact>): Grant | undefined {
  // The API server refuses a ClusterRoleBinding to a Role.
  if (b.kind === "ClusterRoleBinding" && b.roleRef.kind === "Role") return undefined;
  const scope = b.namespace !== undefined ? `@${b.namespace}` : "";
  const role = roleKey(b.roleRef.kind, b.roleRef.name, b.namespace);
  const grant = {
    binding: b.kind === "RoleBinding" ? `RoleBinding/${b.namespace}/${b.name}` : `ClusterRoleBinding/${b.name}`,
    role,
    ...(b.namespace !== undefined ? { namespace: b.namespace } : {}),
  };
  const named = `kubernetes:${b.roleRef.kind.toLowerCase()}/${b.roleRef.name}${scope}`;
  const at = (p: Place) => ({ line: p.line, column: p.column });
  if (b.roleRef.kind === "ClusterRole" && b.roleRef.name === CLUSTER_ADMIN) {
    return { privileges: [named], observed: [{ observation: { fact: "kubernetes-cluster-admin", ...grant, ...at(b.roleRef.at) }, at: b.roleRef.at }] };
  }
  const found = roles.get(role);
  if (!found || (found.aggregated && found.rules.length === 0)) {
    const reason = found ? "aggregated" : "not-in-sources";
    return { privileges: [named], observed: [{ observation: { fact: "kubernetes-rbac-unknown", reason, ...grant, ...at(b.roleRef.at) }, at: b.roleRef.at }] };
  }
  const observed: Grant["observed"] = [];
  for (const rule of found.rules) {
    const f = ruleFlags(rule);
    const here = { ...grant, ...at(rule.at) };
    const add = (observation: Observation) => observed.push({ observation, at: rule.at });
    if (f.wildcard) add({ fact: "kubernetes-rbac-wildcard", ...here });
    if (f.secretsRead.length) add({ fact: "kubernetes-secrets-read", verbs: f.secretsRead, ...here });
    if (f.escalation.length) add({ fact: "kubernetes-escalation-verb", verbs: f.escalation, ...here });
    if (f.tokenRequest) add({ fact: "kubernetes-token-request", ...here });
    if (f.podsExec) add({ fact: "kubernetes-pods-exec", ...here });
  }
  return { privileges: found.rules.flatMap((r) => rulePrivileges(r, scope)), observed };
}
