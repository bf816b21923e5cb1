import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { loadInventory } from "../../src/load/loadInventory.js";
import type { Inventory } from "../../src/load/schema/inventory.js";
import { ROOT, tempDir } from "../helpers.js";
import { run } from "./run.js";

const FIXTURE = "fixtures/sources/k8s";
/** The fake token of the export's legacy Secret, as written (base64) and decoded. */
const TOKEN = (JSON.parse(readFileSync(join(ROOT, FIXTURE, "export/k8s.json"), "utf8")) as { items: Array<{ kind: string; data?: { token: string } }> }).items.find((i) => i.kind === "Secret")!.data!.token;

describe("nhi-triage discover on Kubernetes sources", () => {
  it("writes every ServiceAccount of the manifests and the kubectl export, with its source, and warns about the Secret values", () => {
    const r = run(["discover", FIXTURE]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      [
        `${FIXTURE}/export/k8s.json:40:13  warning  Secret ops-bot-token holds its values in the file (\`data\`): they are not copied into the inventory; keep Secret values out of manifests and exports, and rotate any that were committed`,
        '   40 |             "data": {',
        "      |             ^",
        "",
      ].join("\n"),
    );
    const inv = loadInventory("discovered.yaml", r.stdout);
    expect([...inv.identities.keys()]).toEqual([
      "k8s/ci/serviceaccount/ci-deployer",
      "k8s/kube-system/serviceaccount/ops-bot",
      "k8s/monitoring/serviceaccount/prometheus",
      "k8s/payments/serviceaccount/default",
      "k8s/payments/serviceaccount/payments-api",
    ]);
    const data = parse(r.stdout) as Inventory;
    expect(data.identities!.filter((i) => i.source?.kind !== "kubernetes-manifest" || !readFileSync(join(ROOT, i.source.file), "utf8"))).toEqual([]);
    const ops = inv.identities.get("k8s/kube-system/serviceaccount/ops-bot")!;
    expect(ops.privileges).toEqual(["kubernetes:clusterrole/cluster-admin"]);
    expect(ops.credential).toEqual({ type: "static-secret", lastRotated: "2023-05-11", storage: "source-code" });
    expect(ops.source).toEqual({ file: `${FIXTURE}/export/k8s.json`, line: 14, column: 9, kind: "kubernetes-manifest" });
    // A RoleBinding in the export grants a ClusterRole the files do not hold, only inside payments.
    expect(inv.identities.get("k8s/payments/serviceaccount/payments-api")!.privileges).toContain("kubernetes:clusterrole/view@payments");
    expect(inv.identities.get("k8s/payments/serviceaccount/payments-api")!.credential).toEqual({ type: "workload-identity", maxAge: "1h" });
  });

  it("never copies the token Secret's value into the output, in any form", () => {
    const r = run(["discover", FIXTURE]);
    const decoded = Buffer.from(TOKEN, "base64").toString("utf8");
    for (const s of [TOKEN, decoded, decoded.split(".")[2]!]) {
      expect(r.stdout).not.toContain(s);
      expect(r.stderr).not.toContain(s);
    }
  });

  it("gives the gate the source rules' findings", () => {
    const dir = tempDir("nhi-k8s-");
    const out = join(dir, "inventory.yaml");
    expect(run(["discover", FIXTURE, "--output", out, "--quiet"]).code).toBe(0);
    const g = run(["gate", out, "--now", "2026-12-04", "--format", "json"]);
    expect([g.code, g.stderr]).toEqual([1, ""]);
    const found = (JSON.parse(g.stdout) as { new: Array<{ rule: string; subject: string }> }).new.filter((f) => f.rule.startsWith("K8S-")).map((f) => `${f.rule} ${f.subject}`);
    expect(found.sort()).toEqual(
      [
        "K8S-CLUSTER-ADMIN-BINDING identity:k8s/kube-system/serviceaccount/ops-bot",
        "K8S-ESCALATION-VERBS identity:k8s/ci/serviceaccount/ci-deployer",
        "K8S-LEGACY-TOKEN-SECRET identity:k8s/ci/serviceaccount/ci-deployer",
        "K8S-LEGACY-TOKEN-SECRET identity:k8s/kube-system/serviceaccount/ops-bot",
        "K8S-PODS-EXEC identity:k8s/ci/serviceaccount/ci-deployer",
        "K8S-PRIVILEGED-AUTOMOUNT identity:k8s/ci/serviceaccount/ci-deployer",
        "K8S-PRIVILEGED-AUTOMOUNT identity:k8s/kube-system/serviceaccount/ops-bot",
        "K8S-PRIVILEGED-AUTOMOUNT identity:k8s/payments/serviceaccount/default",
        "K8S-RBAC-UNKNOWN identity:k8s/monitoring/serviceaccount/prometheus",
        "K8S-RBAC-UNKNOWN identity:k8s/payments/serviceaccount/default",
        "K8S-RBAC-UNKNOWN identity:k8s/payments/serviceaccount/payments-api",
        "K8S-RBAC-WILDCARD identity:k8s/ci/serviceaccount/ci-deployer",
        "K8S-RBAC-WILDCARD identity:k8s/payments/serviceaccount/default",
        "K8S-SECRETS-READ identity:k8s/ci/serviceaccount/ci-deployer",
        "K8S-SECRETS-READ identity:k8s/payments/serviceaccount/default",
        "K8S-TOKEN-REQUEST identity:k8s/ci/serviceaccount/ci-deployer",
      ].sort(),
    );
  });

  it("reports a malformed manifest and broken YAML at file:line:column, exit 2, and still writes the readable files", () => {
    const dir = tempDir("nhi-k8s-");
    writeFileSync(join(dir, "a-binding.yaml"), "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ok, namespace: a}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: broken\n  namespace: a\nroleRef:\n  kind: Group\n  name: admin\n");
    writeFileSync(join(dir, "b-syntax.yaml"), "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: [x\n");
    writeFileSync(join(dir, "c-good.yaml"), "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: good\n  namespace: web\n");
    writeFileSync(join(dir, "d-app-config.yaml"), "replicas: 2\nname: [not, kubernetes\n");
    const r = run(["discover", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${dir}/a-binding.yaml:11:9  error  RoleBinding: roleRef.kind: expected one of Role | ClusterRole, got "Group"`);
    expect(r.stderr).toMatch(new RegExp(`${dir}/b-syntax\\.yaml:\\d+:\\d+  error  invalid YAML`));
    expect(r.stderr).not.toContain("d-app-config");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect([...loadInventory("discovered.yaml", r.stdout).identities.keys()]).toEqual(["k8s/web/serviceaccount/good"]);
  });

  it("refuses a named file whose document is not a Kubernetes object beside ones that are", () => {
    const dir = tempDir("nhi-k8s-");
    const file = join(dir, "mixed.yaml");
    writeFileSync(file, "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n---\nname: not an object\n");
    const r = run(["discover", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:5:1  error  not a Kubernetes object: expected a mapping with \`apiVersion\``);
  });
});
