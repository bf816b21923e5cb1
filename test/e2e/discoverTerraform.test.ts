import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { loadInventory } from "../../src/load/loadInventory.js";
import type { Inventory } from "../../src/load/schema/inventory.js";
import { ROOT, tempDir } from "../helpers.js";
import { run } from "./run.js";

const TF = "fixtures/sources/terraform";

describe("nhi-triage discover on terraform show -json", () => {
  it("reads a state's modules and a plan's changes into identities at their JSON places, and copies no secret", () => {
    const r = run(["discover", TF]);
    expect(r.code).toBe(0);
    const inv = loadInventory("out.yaml", r.stdout);
    expect([...inv.identities.keys()].filter((id) => id.startsWith("terraform/module."))).toEqual([
      "terraform/module.gcp.google_service_account.runner",
      "terraform/module.gcp.google_service_account_key.runner",
      "terraform/module.gcp.module.azure.azuread_application_password.api__ci__",
    ]);
    const data = parse(r.stdout) as Inventory;
    const key = data.identities!.find((i) => i.id === "terraform/aws_iam_access_key.ci_deploy")!;
    expect(key.source).toEqual({ file: `${TF}/tfstate.json`, line: 23, column: 9, kind: "terraform-state" });
    expect(key.observed!.find((o) => o.fact === "terraform-key-rotation")).toMatchObject({ file: `${TF}/plan.json`, line: 1 });
    // Deleted by the plan: gone, not an identity.
    expect(r.stdout).not.toContain("google_service_account_key.old");
    expect(`${r.stdout}${r.stderr}`).not.toContain("FAKE-tf-secret");
    // Every sensitive value once, the plan's prior_state copy masked but not reported twice.
    expect(r.stderr.match(/ warning {2}a credential-like value/g)).toHaveLength(8);
    expect(r.stderr).toContain(`${TF}/tfstate.json:35:23  warning  a credential-like value (sensitive attribute \`secret\`) is written in the Terraform state`);
    expect(r.stderr).toMatch(new RegExp(`${TF}/plan.json:1:\\d+ {2}warning {2}a credential-like value \\(sensitive attribute \`secret\`\\) is written in the Terraform plan`));
  });

  it("refuses a truncated state and JSON that is not terraform show output at file:line:column, exit 2, and reads the rest", () => {
    const dir = tempDir("nhi-discover-tf-");
    cpSync(join(ROOT, TF), dir, { recursive: true });
    writeFileSync(join(dir, "cut.json"), '{\n  "format_version": "1.0",\n  "values": {\n    "root_module": {\n      "resources": [\n');
    writeFileSync(join(dir, "prod.tfstate.json"), '{\n  "version": 4,\n  "serial": 12,\n  "resources": []\n}\n');
    const r = run(["discover", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${dir}/cut.json:6:1  error  `));
    expect(r.stderr).toContain(`${dir}/prod.tfstate.json:1:1  error  not a Terraform state: expected a Terraform state from \`terraform show -json\``);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(loadInventory("out.yaml", r.stdout).identities.has("terraform/aws_iam_access_key.ci_deploy")).toBe(true);
  });

  it("gives the gate an inventory on which the Terraform source rules fire at the state's and plan's lines", () => {
    const dir = tempDir("nhi-discover-tf-");
    const out = join(dir, "inventory.yaml");
    const d = run(["discover", TF, "--output", out, "--quiet"]);
    expect([d.code, d.stdout, d.stderr]).toEqual([0, "", ""]);
    const g = run(["gate", out, "--now", "2026-11-23", "--format", "json"]);
    expect([g.code, g.stderr]).toEqual([1, ""]);
    type Found = { rule: string; subject: string; location?: { file?: string; line?: number } };
    const found = (JSON.parse(g.stdout) as { new: Found[] }).new.filter((f) => f.rule.startsWith("TERRAFORM-"));
    expect(found.map((f) => `${f.rule} ${f.subject}`)).toEqual(expect.arrayContaining([
      "TERRAFORM-ACCESS-KEY identity:terraform/aws_iam_access_key.ci_deploy",
      "TERRAFORM-ACCESS-KEY identity:terraform/aws_iam_access_key.release",
      "TERRAFORM-SECRET-IN-STATE identity:terraform/aws_iam_access_key.ci_deploy",
      "TERRAFORM-ACTIONS-SECRET-PLAINTEXT identity:terraform/github_actions_secret.deploy_token",
      "TERRAFORM-KEY-LONG-LIFETIME identity:terraform/module.gcp.google_service_account_key.runner",
      "TERRAFORM-IAM-USER identity:terraform/aws_iam_user.ci_deploy",
      "TERRAFORM-KEY-ROTATION identity:terraform/aws_iam_access_key.ci_deploy",
    ]));
    // Valid exactly one year: not over it.
    expect(found.map((f) => `${f.rule} ${f.subject}`)).not.toContain("TERRAFORM-KEY-LONG-LIFETIME identity:terraform/module.gcp.module.azure.azuread_application_password.api__ci__");
    const plain = found.find((f) => f.rule === "TERRAFORM-ACTIONS-SECRET-PLAINTEXT")!;
    expect(JSON.stringify(plain)).toMatch(/tfstate\.json/);
    expect(JSON.stringify(plain)).toMatch(/"line":\s*(58|68)\b/);
  });
});
