import { describe, expect, it } from "vitest";
import { mapKubernetes } from "../../src/discover/mapKubernetes.js";
import { InputError } from "../../src/load/diagnostic.js";
import { Identity } from "../../src/load/schema/inventory.js";
import { kubernetesManifest } from "../../src/load/sources/kubernetesManifest.js";

const read = (text: string, file = "m.yaml") => kubernetesManifest(file, text, false);
const map = (...files: Array<[string, string]>) => {
  const identities = mapKubernetes(files.map(([file, text]) => read(text, file)!.facts));
  for (const i of identities) Identity.parse(i);
  return new Map(identities.map((i) => [i.id, i]));
};
const problems = (text: string, file = "m.yaml") => {
  try {
    read(text, file);
  } catch (e) {
    if (e instanceof InputError) return e.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
    throw e;
  }
  return [];
};
const facts = (id: string, m: Map<string, Identity>) => (m.get(id)?.observed ?? []).map((o) => o.fact);

const SA = (ns: string, name: string, extra = "") => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n${extra}---\n`;
const RB = "rbac.authorization.k8s.io/v1";
const binding = (kind: string, name: string, ns: string | undefined, roleKind: string, role: string, subjects: string) =>
  `apiVersion: ${RB}\nkind: ${kind}\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ""}roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: ${role}}\nsubjects:\n${subjects}---\n`;
const role = (kind: string, name: string, ns: string | undefined, rules: string) => `apiVersion: ${RB}\nkind: ${kind}\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ""}rules:\n${rules}---\n`;

describe("reading Kubernetes sources", () => {
  it("recognises manifests by apiVersion and kind, and passes over other YAML and our own files", () => {
    expect(read(SA("a", "x"))).toBeDefined();
    expect(read("name: app\nreplicas: 2\n")).toBeUndefined();
    expect(read("apiVersion: nhi-triage/v1\nkind: Inventory\nidentities: []\n")).toBeUndefined();
    expect(read("on: push\njobs: {}\n")).toBeUndefined();
  });

  it("opens kind: List and <Kind>List exports, whose items may leave their kind out", () => {
    const list = JSON.stringify({ apiVersion: "v1", kind: "List", items: [{ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "a", namespace: "n" } }] }, null, 2);
    const typed = JSON.stringify({ apiVersion: "v1", kind: "ServiceAccountList", items: [{ metadata: { name: "b", namespace: "n" } }] }, null, 2);
    expect(read(list, "l.json")!.facts.serviceAccounts.map((s) => [s.name, s.at.line])).toEqual([["a", 5]]);
    expect(read(typed, "t.json")!.facts.serviceAccounts.map((s) => s.name)).toEqual(["b"]);
    const untyped = JSON.stringify({ apiVersion: "v1", kind: "List", items: [{ metadata: { name: "c" } }] }, null, 2);
    expect(problems(untyped, "u.json")).toEqual(["5:5 items[0]: expected a Kubernetes object with its `kind` (a `kind: List` names the kind of each item)"]);
  });

  it("refuses a manifest the API server would refuse, at file:line:column", () => {
    const text = `${SA("a", "x")}apiVersion: ${RB}\nkind: RoleBinding\nmetadata:\n  name: b\n  namespace: a\nsubjects: []\n`;
    expect(problems(text)).toEqual(['7:1 RoleBinding: missing required field "roleRef"']);
    expect(problems(`${SA("a", "x")}just: a mapping\n`)).toEqual([expect.stringMatching(/^7:1 not a Kubernetes object: expected a mapping with `apiVersion`/)]);
    expect(problems(`${SA("a", "x")}apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: [\n`)[0]).toMatch(/^1[01]:\d+ invalid YAML/);
  });

  it("refuses broken YAML that looks like a manifest, and passes over broken YAML that does not", () => {
    expect(problems("apiVersion: v1\nkind: Pod\nmetadata: {name: [\n")[0]).toMatch(/^4:1 invalid YAML/);
    expect(problems("name: [\n")).toEqual([]);
    expect(problems("apiVersion: nhi-triage/v1\nkind: Incident\ntitle: a: b: c\n")).toEqual([]);
    expect(problems('{"apiVersion": "nhi-triage/v1", "kind": "Incident",\n', "i.json")).toEqual([]);
  });

  it("never copies a Secret's values, and warns where they are written", () => {
    const value = "c3VwZXItc2VjcmV0LXRva2VuLXZhbHVlLWZvci10ZXN0cw==";
    const text = `${SA("ci", "bot")}apiVersion: v1\nkind: Secret\nmetadata:\n  name: bot-token\n  namespace: ci\n  annotations: {kubernetes.io/service-account.name: bot}\ntype: kubernetes.io/service-account-token\ndata:\n  token: ${value}\nstringData:\n  extra: plain-words\n`;
    const r = read(text)!;
    expect(JSON.stringify(r.facts)).not.toContain(value);
    expect(JSON.stringify(r.facts)).not.toContain("plain-words");
    expect(r.secrets).toEqual([]);
    expect(r.warnings.map((w) => [w.line, w.column, w.severity])).toEqual([[14, 1, "warning"]]);
    const m = map(["m.yaml", text]);
    expect(JSON.stringify([...m.values()])).not.toContain(value);
    expect(m.get("k8s/ci/serviceaccount/bot")!.credential).toEqual({ type: "static-secret", storage: "source-code" });
  });
});

describe("ServiceAccounts in the inventory", () => {
  it("gives stable ids, the default namespace, and the weakest credential", () => {
    const irsa = "  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/r\n";
    const text = `${SA("a", "plain")}apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: nons\n  annotations:\n    iam.gke.io/gcp-service-account: x@p.iam.gserviceaccount.com\n---\n${SA("a", "linked", irsa)}apiVersion: v1\nkind: Secret\nmetadata: {name: t, namespace: a, creationTimestamp: "2024-02-03T04:05:06Z", annotations: {kubernetes.io/service-account.name: linked}}\ntype: kubernetes.io/service-account-token\n`;
    const m = map(["m.yaml", text]);
    expect([...m.keys()].sort()).toEqual(["k8s/a/serviceaccount/linked", "k8s/a/serviceaccount/plain", "k8s/default/serviceaccount/nons"]);
    expect(m.get("k8s/default/serviceaccount/nons")).toMatchObject({ kind: "workload", credential: { type: "workload-identity" } });
    // The legacy Secret is weaker than the IRSA link it also has.
    expect(m.get("k8s/a/serviceaccount/linked")).toMatchObject({ kind: "workload", credential: { type: "static-secret", lastRotated: "2024-02-03" } });
    expect(facts("k8s/a/serviceaccount/linked", m)).toEqual(["kubernetes-token-automount", "kubernetes-workload-identity", "kubernetes-legacy-token"]);
    expect(m.get("k8s/a/serviceaccount/plain")!.credential).toEqual({ type: "short-lived-token" });
    expect(m.get("k8s/a/serviceaccount/plain")!.source).toEqual({ file: "m.yaml", line: 1, column: 1, kind: "kubernetes-manifest" });
    // No binding in the files: privileges are unknown, not none.
    expect(m.get("k8s/a/serviceaccount/plain")!.privileges).toBeUndefined();
  });

  it("records each cloud link as an observation, and IRSA's lifetime (its default a day) as the credential's", () => {
    const aks = "  annotations:\n    azure.workload.identity/client-id: 8f3a1c2e-4b5d-4e6f-9a0b-1c2d3e4f5a6b\n";
    const irsa = (exp: string) => `  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/r\n${exp}`;
    const m = map(["m.yaml", `${SA("a", "aks", aks)}${SA("a", "eks", irsa(""))}${SA("a", "short", irsa('    eks.amazonaws.com/token-expiration: "900"\n'))}`]);
    expect(m.get("k8s/a/serviceaccount/aks")!.observed).toContainEqual({ fact: "kubernetes-workload-identity", provider: "azure", annotation: "azure.workload.identity/client-id", target: "8f3a1c2e-4b5d-4e6f-9a0b-1c2d3e4f5a6b", line: 7, column: 40 });
    expect(m.get("k8s/a/serviceaccount/aks")!.credential).toEqual({ type: "workload-identity" });
    expect(m.get("k8s/a/serviceaccount/eks")!.credential).toEqual({ type: "workload-identity", maxAge: "1d" });
    expect(m.get("k8s/a/serviceaccount/short")!.credential).toEqual({ type: "workload-identity", maxAge: "15m" });
  });

  it("takes a pod's automount over its ServiceAccount's, and a projected lifetime only when nothing else is mounted", () => {
    const pod = (name: string, spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: a}\nspec:\n  serviceAccountName: s\n${spec}---\n`;
    const projected = "  automountServiceAccountToken: false\n  volumes:\n    - name: t\n      projected:\n        sources:\n          - serviceAccountToken: {expirationSeconds: 7200}\n";
    const off = map(["m.yaml", `${SA("a", "s", "automountServiceAccountToken: false\n")}${pod("p", projected)}`]);
    expect(off.get("k8s/a/serviceaccount/s")!.credential).toEqual({ type: "short-lived-token", maxAge: "2h" });
    expect(facts("k8s/a/serviceaccount/s", off)).toEqual([]);
    const on = map(["m.yaml", `${SA("a", "s", "automountServiceAccountToken: false\n")}${pod("p", projected)}${pod("q", "  automountServiceAccountToken: true\n")}`]);
    expect(on.get("k8s/a/serviceaccount/s")!.observed).toEqual([{ fact: "kubernetes-token-automount", by: "pod", workload: "Pod/a/q", line: 20, column: 1 }]);
    expect(on.get("k8s/a/serviceaccount/s")!.credential).toEqual({ type: "short-lived-token" });
  });
});

describe("RBAC resolved to each ServiceAccount", () => {
  const secretsReader = role("ClusterRole", "secrets-reader", undefined, "  - apiGroups: [\"\"]\n    resources: [secrets]\n    verbs: [get, list]\n");

  it("confines a RoleBinding to its namespace, also for a ClusterRole, and resolves across files", () => {
    const m = map(
      ["a-accounts.yaml", `${SA("pay", "api")}${SA("ops", "admin")}`],
      ["b-roles.yaml", secretsReader],
      [
        "c-bindings.yaml",
        `${binding("RoleBinding", "read", "pay", "ClusterRole", "secrets-reader", "  - {kind: ServiceAccount, name: api}\n")}${binding("ClusterRoleBinding", "admin", undefined, "ClusterRole", "cluster-admin", "  - {kind: ServiceAccount, name: admin, namespace: ops}\n")}`,
      ],
    );
    expect(m.get("k8s/pay/serviceaccount/api")!.privileges).toEqual(["kubernetes:secrets:get@pay", "kubernetes:secrets:list@pay"]);
    expect(m.get("k8s/pay/serviceaccount/api")!.observed).toContainEqual({
      fact: "kubernetes-secrets-read", verbs: ["get", "list"], binding: "RoleBinding/pay/read", role: "ClusterRole/secrets-reader", namespace: "pay", line: 6, column: 5, file: "b-roles.yaml",
    });
    expect(m.get("k8s/ops/serviceaccount/admin")!.privileges).toEqual(["kubernetes:clusterrole/cluster-admin"]);
    expect(facts("k8s/ops/serviceaccount/admin", m)).toContain("kubernetes-cluster-admin");
  });

  it("applies a group binding to every ServiceAccount of its namespace, and names ServiceAccounts written as users", () => {
    const text = `${SA("pay", "a")}${SA("pay", "b")}${SA("web", "c")}${secretsReader}${binding("RoleBinding", "g", "pay", "ClusterRole", "secrets-reader", "  - {kind: Group, name: \"system:serviceaccounts:pay\"}\n")}${binding("ClusterRoleBinding", "u", undefined, "ClusterRole", "secrets-reader", "  - {kind: User, name: \"system:serviceaccount:web:c\"}\n")}`;
    const m = map(["m.yaml", text]);
    expect(m.get("k8s/pay/serviceaccount/a")!.privileges).toEqual(["kubernetes:secrets:get@pay", "kubernetes:secrets:list@pay"]);
    expect(m.get("k8s/pay/serviceaccount/b")!.privileges).toEqual(m.get("k8s/pay/serviceaccount/a")!.privileges);
    expect(m.get("k8s/web/serviceaccount/c")!.privileges).toEqual(["kubernetes:secrets:get", "kubernetes:secrets:list"]);
    const all = map(["m.yaml", `${SA("pay", "a")}${SA("web", "c")}${secretsReader}${binding("ClusterRoleBinding", "all", undefined, "ClusterRole", "secrets-reader", "  - {kind: Group, name: \"system:serviceaccounts\"}\n")}`]);
    expect([...all.values()].map((i) => i.privileges!.length)).toEqual([2, 2]);
  });

  it("creates the ServiceAccounts a binding names that no file defines", () => {
    const m = map(["m.yaml", `${secretsReader}${binding("ClusterRoleBinding", "x", undefined, "ClusterRole", "secrets-reader", "  - {kind: ServiceAccount, name: ghost, namespace: ns}\n")}`]);
    expect(m.get("k8s/ns/serviceaccount/ghost")).toMatchObject({ source: { line: 16, column: 5 }, privileges: ["kubernetes:secrets:get", "kubernetes:secrets:list"] });
  });

  it("flags wildcards, escalation verbs, token requests and exec, but not reads of named Secrets", () => {
    const rules = [
      '  - {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}',
      '  - {apiGroups: ["rbac.authorization.k8s.io"], resources: [clusterroles], verbs: [bind, escalate]}',
      '  - {apiGroups: [""], resources: [users], verbs: [impersonate]}',
      '  - {apiGroups: [""], resources: [serviceaccounts/token, pods/exec], verbs: [create]}',
    ].join("\n");
    const m = map(["m.yaml", `${SA("a", "s")}${role("Role", "r", "a", `${rules}\n`)}${binding("RoleBinding", "b", "a", "Role", "r", "  - {kind: ServiceAccount, name: s}\n")}`]);
    const s = m.get("k8s/a/serviceaccount/s")!;
    expect(s.privileges).toContain("kubernetes:*:*@a");
    expect(s.observed!.map((o) => [o.fact, o.line, "verbs" in o ? o.verbs : []])).toEqual([
      ["kubernetes-token-automount", 1, []],
      // The wildcard rule allows everything the others flag.
      ["kubernetes-escalation-verb", 13, ["bind", "escalate", "impersonate"]],
      ["kubernetes-pods-exec", 13, []],
      ["kubernetes-rbac-wildcard", 13, []],
      ["kubernetes-secrets-read", 13, ["*"]],
      ["kubernetes-token-request", 13, []],
      ["kubernetes-escalation-verb", 14, ["bind", "escalate"]],
      ["kubernetes-escalation-verb", 15, ["impersonate"]],
      ["kubernetes-pods-exec", 16, []],
      ["kubernetes-token-request", 16, []],
    ]);
    const named = map(["m.yaml", `${SA("a", "s")}${role("Role", "r", "a", '  - {apiGroups: [""], resources: [secrets], resourceNames: [app-config], verbs: [get]}\n')}${binding("RoleBinding", "b", "a", "Role", "r", "  - {kind: ServiceAccount, name: s}\n")}`]);
    expect(named.get("k8s/a/serviceaccount/s")!.privileges).toEqual(["kubernetes:secrets(app-config):get@a"]);
    expect(facts("k8s/a/serviceaccount/s", named)).toEqual(["kubernetes-token-automount"]);
  });

  it("observes roles it cannot see as unknown, never guessed", () => {
    const aggregated = `apiVersion: ${RB}\nkind: ClusterRole\nmetadata: {name: agg}\naggregationRule:\n  clusterRoleSelectors: [{matchLabels: {x: "true"}}]\nrules: []\n---\n`;
    const m = map(["m.yaml", `${SA("a", "s")}${aggregated}${binding("ClusterRoleBinding", "b1", undefined, "ClusterRole", "agg", "  - {kind: ServiceAccount, name: s, namespace: a}\n")}${binding("RoleBinding", "b2", "a", "ClusterRole", "view", "  - {kind: ServiceAccount, name: s}\n")}`]);
    const s = m.get("k8s/a/serviceaccount/s")!;
    expect(s.privileges).toEqual(["kubernetes:clusterrole/agg", "kubernetes:clusterrole/view@a"]);
    expect(s.observed!.filter((o) => o.fact === "kubernetes-rbac-unknown").map((o) => "reason" in o && o.reason)).toEqual(["aggregated", "not-in-sources"]);
  });
});
