import type { PolicyRuleFact } from "../../load/sources/k8s/types.js";

/**
 * A policy rule as privilege strings, one per group, resource, name and verb:
 * `kubernetes:secrets:get`, `kubernetes:apps/deployments:patch`, `kubernetes:*:*` for
 * wildcards, `kubernetes:secrets(db-credentials):get` for named objects,
 * `kubernetes:url(/metrics):get` for non-resource URLs. `scope` is `@<namespace>` for a grant
 * a RoleBinding confines to its namespace, empty for a cluster-wide one.
 */
export function rulePrivileges(rule: PolicyRuleFact, scope: string): string[] {
  const out: string[] = [];
  for (const url of rule.nonResourceURLs) for (const verb of rule.verbs) out.push(`kubernetes:url(${url}):${verb}${scope}`);
  if (rule.resources.length === 0) return out;
  const groups = rule.apiGroups.length ? rule.apiGroups : [""];
  const names = rule.resourceNames.length ? rule.resourceNames.map((n) => `(${n})`) : [""];
  for (const group of groups) {
    for (const resource of rule.resources) {
      // The core group has no name; `*` in both group and resource is everything.
      const what = group === "" || (group === "*" && resource === "*") ? resource : `${group}/${resource}`;
      for (const name of names) for (const verb of rule.verbs) out.push(`kubernetes:${what}${name}:${verb}${scope}`);
    }
  }
  return out;
}

const has = (xs: readonly string[], x: string) => xs.includes(x) || xs.includes("*");

/** Does the rule allow `verb` on `resource` of `group`, as the API server's RBAC matcher decides it? */
export function allows(rule: PolicyRuleFact, group: string, resource: string, verb: string, named = false): boolean {
  // A rule limited to named objects allows no list and no create, and only those objects otherwise.
  if (rule.resourceNames.length && !named) return false;
  return has(rule.apiGroups, group) && has(rule.resources, resource) && has(rule.verbs, verb);
}

const RBAC = "rbac.authorization.k8s.io";

/** What rbac-police and kubescape flag in a rule, by observation name, with the verbs where they differ. */
export interface RuleFlags {
  wildcard: boolean;
  secretsRead: string[];
  escalation: Array<"bind" | "escalate" | "impersonate">;
  tokenRequest: boolean;
  podsExec: boolean;
}

export function ruleFlags(rule: PolicyRuleFact): RuleFlags {
  const any = (group: string, resources: readonly string[], verb: string) => resources.some((r) => allows(rule, group, r, verb, true));
  const escalation: RuleFlags["escalation"] = [];
  if (any(RBAC, ["roles", "clusterroles"], "bind")) escalation.push("bind");
  if (any(RBAC, ["roles", "clusterroles"], "escalate")) escalation.push("escalate");
  if (any("", ["users", "groups", "serviceaccounts"], "impersonate")) escalation.push("impersonate");
  return {
    wildcard: rule.resources.length > 0 && [rule.apiGroups, rule.resources, rule.verbs].some((xs) => xs.includes("*")),
    // Named Secrets are what an app reads its own configuration from; any Secret is every identity's token.
    secretsRead: rule.verbs.includes("*") ? (allows(rule, "", "secrets", "get") ? ["*"] : []) : ["get", "list", "watch"].filter((v) => allows(rule, "", "secrets", v)),
    escalation,
    tokenRequest: allows(rule, "", "serviceaccounts/token", "create"),
    podsExec: allows(rule, "", "pods/exec", "create"),
  };
}
