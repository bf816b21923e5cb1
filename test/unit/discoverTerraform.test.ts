import { describe, expect, it } from "vitest";
import { mapTerraform } from "../../src/discover/mapTerraform.js";
import { Identity } from "../../src/load/schema/inventory.js";
import { readTerraformShow } from "../../src/load/sources/terraform/readTerraformShow.js";
import type { TerraformFacts } from "../../src/load/sources/terraform/types.js";
import { maskJsonValues } from "../../src/redact/maskJsonValues.js";
import { refusedAt } from "../tools/refusedAt.js";

const SECRET = "FAKE-unit-tf-secret-0000";
const res = (address: string, type: string, values: Record<string, unknown>, sensitive_values: Record<string, unknown> = {}, mode = "managed") => ({ address, mode, type, name: address.split(".").pop(), values, sensitive_values });
const state = (root: Record<string, unknown>, outputs?: Record<string, unknown>) => ({ format_version: "1.0", terraform_version: "1.9.5", values: { ...(outputs ? { outputs } : {}), root_module: root } });
const change = (address: string, type: string, actions: string[], before: unknown, after: unknown, extra: Record<string, unknown> = {}) => ({ address, mode: "managed", type, name: "k", change: { actions, before, after, after_unknown: {}, before_sensitive: {}, after_sensitive: {}, ...extra } });
const plan = (changes: unknown[], rest: Record<string, unknown> = {}) => ({ format_version: "1.2", planned_values: { root_module: {} }, resource_changes: changes, ...rest });

let text = "";
function read(data: unknown, kind: TerraformFacts["kind"], indent = 2): TerraformFacts {
  text = JSON.stringify(data, null, indent);
  const facts = readTerraformShow("tf.json", text, true, kind);
  if (!facts) throw new Error("not read");
  return facts;
}
const identities = (facts: TerraformFacts) => mapTerraform(facts).map((i) => Identity.parse(i));
const byId = (ids: Identity[], id: string) => ids.find((i) => i.id === id)!;
const facts = (i: Identity) => (i.observed ?? []).map((o) => o.fact);
/** The text at a position: what an excerpt there starts with. */
const at = (p: { line: number; column: number }) => text.split("\n")[p.line - 1]!.slice(p.column - 1);

describe("Terraform state", () => {
  const data = state(
    {
      resources: [
        res("aws_iam_user.ci", "aws_iam_user", { name: "ci" }),
        res("aws_iam_access_key.ci", "aws_iam_access_key", { id: "AKIAFAKEFAKEFAKE0001", user: "ci", create_date: "2025-01-10T08:00:00Z", secret: SECRET }, { secret: true }),
        res("data.aws_iam_user.admin", "aws_iam_user", { user_name: "admin" }, {}, "data"),
        res("aws_s3_bucket.logs", "aws_s3_bucket", { bucket: "logs" }),
      ],
      child_modules: [{
        address: "module.ci",
        resources: [res('module.ci.github_actions_secret.token["prod"]', "github_actions_secret", { secret_name: "TOKEN", plaintext_value: SECRET }, { plaintext_value: true })],
        child_modules: [{ address: "module.ci.module.gcp", resources: [res("module.ci.module.gcp.google_service_account_key.k", "google_service_account_key", { valid_after: "2025-06-01T00:00:00Z", valid_before: "9999-12-31T23:59:59Z", private_key: SECRET }, { private_key: true })] }],
      }],
    },
    { admin_password: { sensitive: true, type: "string", value: SECRET }, bucket: { sensitive: false, type: "string", value: "logs" } },
  );

  it("maps the NHI resources of every module, by their module address, and leaves the rest and data sources out", () => {
    const ids = identities(read(data, "terraform-state"));
    expect(ids.map((i) => i.id)).toEqual([
      "terraform/aws_iam_user.ci",
      "terraform/aws_iam_access_key.ci",
      "terraform/module.ci.github_actions_secret.token__prod__",
      "terraform/module.ci.module.gcp.google_service_account_key.k",
    ]);
    const key = byId(ids, "terraform/aws_iam_access_key.ci");
    expect(key).toMatchObject({ kind: "api-key", credential: { type: "static-secret", lastRotated: "2025-01-10T08:00:00Z" }, source: { file: "tf.json", kind: "terraform-state" } });
    expect(facts(key)).toEqual(["terraform-secret-in-state", "terraform-aws-access-key"]);
    expect(facts(byId(ids, "terraform/aws_iam_user.ci"))).toEqual(["terraform-iam-user"]);
    expect(facts(byId(ids, "terraform/module.ci.github_actions_secret.token__prod__"))).toEqual(["terraform-secret-in-state", "terraform-actions-secret-plaintext"]);
    const sa = byId(ids, "terraform/module.ci.module.gcp.google_service_account_key.k");
    expect(sa.credential?.maxAge).toMatch(/^\d{6,}d$/);
    expect(at({ line: sa.source!.line, column: sa.source!.column ?? 1 })).toMatch(/^\{\s*$/);
  });

  it("reports each sensitive value and sensitive output at its place, and copies none", () => {
    const f = read(data, "terraform-state");
    expect(f.secrets.map((s) => `${s.address} ${s.attribute}`)).toEqual([
      "aws_iam_access_key.ci secret",
      'module.ci.github_actions_secret.token["prod"] plaintext_value',
      "module.ci.module.gcp.google_service_account_key.k private_key",
      "output.admin_password value",
    ]);
    for (const s of f.secrets) expect(at(s.at)).toMatch(new RegExp(`^"${SECRET}"`));
    expect(JSON.stringify(f)).not.toContain(SECRET);
    expect(JSON.stringify(identities(f))).not.toContain(SECRET);
    const masked = maskJsonValues(text, f.masked);
    expect(masked).not.toContain(SECRET);
    expect(masked.length).toBe(text.length);
  });

  it("follows sensitive marks into nested blocks, and reads an empty state", () => {
    const f = read(state({ resources: [res("azurerm_kubernetes_cluster.k", "azurerm_kubernetes_cluster", { name: "k", kube_config: [{ host: "https://k", client_key: SECRET }] }, { kube_config: [{ client_key: true }] })] }), "terraform-state");
    expect(f.secrets.map((s) => s.attribute)).toEqual(["kube_config[0].client_key"]);
    expect(JSON.stringify(f.resources)).not.toContain(SECRET);
    expect(read({ format_version: "1.0" }, "terraform-state").resources).toEqual([]);
  });
});

describe("Terraform plan", () => {
  const key = (actions: string[], address = "aws_iam_access_key.k") => change(address, "aws_iam_access_key", actions, actions[0] === "create" && actions.length === 1 ? null : { user: "ci", secret: SECRET }, actions.length === 1 && actions[0] === "delete" ? null : { user: "ci" }, { after_sensitive: { secret: true } });

  it("takes a delete-and-create of a key, either order, as a rotation, and a create as a new key", () => {
    const ids = identities(read(plan([key(["delete", "create"], "aws_iam_access_key.a"), key(["create", "delete"], "aws_iam_access_key.b"), key(["create"], "aws_iam_access_key.c"), key(["delete"], "aws_iam_access_key.d"), key(["no-op"], "aws_iam_access_key.e")]), "terraform-plan", 0));
    expect(ids.map((i) => [i.id, facts(i).filter((f) => f.startsWith("terraform-key"))])).toEqual([
      ["terraform/aws_iam_access_key.a", ["terraform-key-rotation"]],
      ["terraform/aws_iam_access_key.b", ["terraform-key-rotation"]],
      ["terraform/aws_iam_access_key.c", ["terraform-key-created"]],
      ["terraform/aws_iam_access_key.e", []],
    ]);
    expect(byId(ids, "terraform/aws_iam_access_key.a").observed).toContainEqual({ fact: "terraform-key-rotation", actions: ["delete", "create"], line: 1, column: expect.any(Number) });
    expect(byId(ids, "terraform/aws_iam_access_key.a").source?.kind).toBe("terraform-plan");
  });

  it("reports the old value a replacement's `before` prints, once, though prior_state prints it again, and masks both", () => {
    const prior = { format_version: "1.0", values: { root_module: { resources: [res("aws_iam_access_key.a", "aws_iam_access_key", { user: "ci", secret: SECRET }, { secret: true })] } } };
    const f = read(plan([key(["delete", "create"], "aws_iam_access_key.a")], { prior_state: prior }), "terraform-plan", 0);
    expect(f.secrets).toHaveLength(1);
    expect(f.secrets[0]!.path).toEqual(["resource_changes", 0, "change", "before", "secret"]);
    expect(f.masked).toHaveLength(2);
    expect(text.split(SECRET)).toHaveLength(3);
    expect(maskJsonValues(text, f.masked)).not.toContain(SECRET);
  });

  it("reports a variable the configuration declares sensitive, and not the others", () => {
    const f = read(plan([], { variables: { db_password: { value: SECRET }, region: { value: "eu-west-1" } }, configuration: { root_module: { variables: { db_password: { sensitive: true }, region: {} } } } }), "terraform-plan", 0);
    expect(f.secrets.map((s) => s.address)).toEqual(["var.db_password"]);
    expect(maskJsonValues(text, f.masked)).not.toContain(SECRET);
    expect(maskJsonValues(text, f.masked)).toContain("eu-west-1");
  });
});

describe("Terraform input errors", () => {
  it("refuses JSON that is not terraform show output, and a truncated file, at their place", () => {
    expect(refusedAt(() => readTerraformShow("tf.json", '{"format_version": "1.0", "provider_schemas": {}}', true, "terraform-state"))).toEqual([expect.stringMatching(/^1:1 not a Terraform state: expected a Terraform state/)]);
    expect(refusedAt(() => readTerraformShow("tf.json", '{"format_version": "1.0", "values": {"root_module": {"resources": [{"address": "a', false, "terraform-state"))[0]).toMatch(/^1:\d+ /);
    expect(refusedAt(() => readTerraformShow("tf.json", JSON.stringify(plan([{ address: "x" }]), null, 2), true, "terraform-plan"))).toEqual([expect.stringMatching(/^7:5 a resource change must have/)]);
    expect(readTerraformShow("tf.json", '{"apiVersion": "v1"}', false, "terraform-state")).toBeUndefined();
  });
});
