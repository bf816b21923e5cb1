import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { loadInventory } from "../../src/load/loadInventory.js";
import type { Inventory } from "../../src/load/schema/inventory.js";
import { ROOT, tempDir } from "../helpers.js";
import { run } from "./run.js";

const AWS = "fixtures/sources/aws";

describe("nhi-triage discover on AWS exports", () => {
  it("reads the credential report into one identity per row, each at its CSV line", () => {
    const r = run(["discover", AWS]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const inv = loadInventory("out.yaml", r.stdout);
    const ids = [...inv.identities.keys()];
    expect(ids).toContain("aws/root");
    // The report's nine users and root; the export's roles; users in both are one identity each.
    expect(ids.filter((id) => id.startsWith("aws/iam/user/"))).toHaveLength(9);
    expect(ids.filter((id) => id.startsWith("aws/iam/role/"))).toHaveLength(6);
    const data = parse(r.stdout) as Inventory;
    const ci = data.identities!.find((i) => i.id === "aws/iam/user/ci-deploy")!;
    expect(ci.source).toEqual({ file: `${AWS}/credential-report.csv`, line: 3, column: 1, kind: "aws-credential-report" });
    expect(ci.credential).toEqual({ type: "static-secret", lastRotated: "2024-02-10T11:20:05+00:00" });
    expect(ci.privileges).toContain("aws:ecr:PutImage");
    expect(ci.observed!.find((o) => o.fact === "aws-wildcard-resource")).toMatchObject({ file: `${AWS}/authorization-details.json`, line: 347 });
  });

  it("reads roles, trust policies and policies from the authorization-details export, at their JSON lines", () => {
    const r = run(["discover", `${AWS}/authorization-details.json`]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const data = parse(r.stdout) as Inventory;
    const role = (name: string) => data.identities!.find((i) => i.id === `aws/iam/role/${name}`)!;
    expect(role("github-any-repo").observed).toEqual([
      { fact: "aws-github-oidc-trust", subjects: [], line: 199, column: 21 },
      { fact: "aws-github-oidc-any-repository", line: 199, column: 21 },
    ]);
    expect(role("github-any-repo").privileges).toEqual(["aws:policy/IAMFullAccess"]);
    expect(role("github-deploy").observed!.map((o) => o.fact)).toEqual(["aws-github-oidc-trust", "aws-wildcard-resource"]);
    expect(role("vendor-audit").observed).toEqual([{ fact: "aws-cross-account-trust", account: "999988887777", line: 233, column: 41 }]);
    expect(role("admin-breakglass").source).toEqual({ file: `${AWS}/authorization-details.json`, line: 115, column: 9, kind: "aws-authorization-details" });
    expect(r.stdout).not.toContain("acme-audit-7f3c");
  });

  it("refuses a broken authorization-details export at file:line:column, exit 2", () => {
    const dir = tempDir("nhi-discover-aws-");
    writeFileSync(join(dir, "authorization-details.json"), '{\n  "RoleDetailList": [\n    {"RoleName": "r", "Arn": "arn:aws:iam::1:role/r"\n  ]\n}\n');
    const r = run(["discover", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${dir}/authorization-details.json:4:3  error  `));
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it("gives the gate an inventory on which the AWS source rules fire where the exports show the risk", () => {
    const dir = tempDir("nhi-discover-aws-");
    const out = join(dir, "inventory.yaml");
    const d = run(["discover", AWS, "--output", out]);
    expect([d.code, d.stdout, d.stderr]).toEqual([0, "", ""]);
    const g = run(["gate", out, "--now", "2026-11-23", "--format", "json"]);
    expect([g.code, g.stderr]).toEqual([1, ""]);
    const found = (JSON.parse(g.stdout) as { new: Array<{ rule: string; subject: string }> }).new.filter((f) => f.rule.startsWith("AWS-")).map((f) => `${f.rule} ${f.subject}`);
    expect(found).toEqual(expect.arrayContaining([
      "AWS-ROOT-ACCESS-KEY identity:aws/root",
      "AWS-ACCESS-KEY-NOT-ROTATED identity:aws/iam/user/legacy-backup",
      "AWS-ACCESS-KEY-UNUSED identity:aws/iam/user/legacy-backup",
      "AWS-MACHINE-USER-CONSOLE-NO-MFA identity:aws/iam/user/reporting-bot",
      "AWS-ADMIN-POLICY identity:aws/iam/user/terraform-runner",
      "AWS-GITHUB-OIDC-ANY-REPOSITORY identity:aws/iam/role/github-any-repo",
      "AWS-CROSS-ACCOUNT-TRUST identity:aws/iam/role/vendor-audit",
    ]));
    // Rotated last month, or trusted by one repository's environment: nothing to say.
    expect(found.filter((f) => f.endsWith("aws/iam/user/terraform-runner") && f.startsWith("AWS-ACCESS-KEY"))).toEqual([]);
    expect(found.filter((f) => f.startsWith("AWS-GITHUB-OIDC") && f.endsWith("github-deploy"))).toEqual([]);
  });

  it("refuses a broken credential report at file:line:column, exit 2, and still reads the rest", () => {
    const dir = tempDir("nhi-discover-aws-");
    cpSync(join(ROOT, AWS), dir, { recursive: true });
    writeFileSync(join(dir, "broken-credential-report.csv"), "user,arn,user_creation_time,password_enabled\nbob,\"arn:aws:iam::1:user/bob,2024\n");
    const r = run(["discover", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${dir}/broken-credential-report.csv:2:5  error  invalid CSV: a quoted field is never closed`);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(loadInventory("out.yaml", r.stdout).identities.has("aws/root")).toBe(true);
  });

  it("names the expected column when a report's header is wrong, found by content under any name", () => {
    const dir = tempDir("nhi-discover-aws-");
    writeFileSync(join(dir, "users.csv"), "user,arn,user_creation_time,password_enabled,password_last_used,mfa_active\n");
    writeFileSync(join(dir, "prices.csv"), "item,price\ntea,3\n");
    const r = run(["discover", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${dir}/users.csv:1:65  error  not the credential report's columns: expected column \`password_last_changed\` (column 6), found \`mfa_active\``);
    expect(r.stderr).not.toContain("prices.csv");
  });
});
