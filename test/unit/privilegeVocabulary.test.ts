import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { identitySubject } from "../../src/engine/subject.js";
import { factDef } from "../../src/engine/factCatalog.js";
import { broadClassOf } from "../../src/engine/privilegeVocabulary.js";
import { loadRulePack } from "../../src/load/loadRulePack.js";
import { builtinPack, extraPackProblems, NOW, RULES_DIR, tempDir } from "../helpers.js";

const pack = await builtinPack();
const PRIVILEGES = "apiVersion: nhi-triage/v1\nkind: Privileges\nbroad:\n";

describe("broad privileges are named as data (rules/privileges.yaml), however a provider spells them", () => {
  it.each([
    ["*", "wildcard"],
    ["s3:*", "wildcard"],
    ["aws:iam:*", "wildcard"],
    ["prod:admin", "admin"],
    ["repo:Owner", "admin"],
    ["arn:aws:iam::aws:policy/AdministratorAccess", "aws-managed-admin"],
    ["aws:policy/IAMFullAccess", "aws-managed-admin"],
    ["aws:policy/AmazonS3FullAccess", "aws-service-full-access"],
    ["gcp:roles/editor", "gcp-basic-role"],
    ["gcp:roles/owner", "gcp-basic-role"],
    ["azure:Contributor", "azure-privileged-role"],
    ["azure:role/User Access Administrator", "azure-privileged-role"],
    ["kubernetes:clusterrole/cluster-admin", "kubernetes-cluster-admin"],
    ["kubernetes:clusterrole/cluster-admin@payments", "kubernetes-cluster-admin"],
    ["github:write-all", "github-write-all"],
    ["kubernetes:*:get@payments", "wildcard"],
    ["kubernetes:url(*):*", "wildcard"],
    ["aws:policy/AmazonEC2FullAccess", "aws-service-full-access"],
    ["aws:policy/AWSLambda_FullAccess", "aws-service-full-access"],
    ["kubernetes:clusterrole/edit@payments", "kubernetes-cluster-admin"],
    ["kubernetes:clusterrole/admin@payments", "admin"],
  ])("%s is broad (%s)", (privilege, id) => {
    expect(broadClassOf(privilege, pack.privileges)).toBe(id);
  });

  it.each(["repo:write", "gcp:roles/viewer", "azure:Reader", "kubernetes:secrets:get@payments", "github:contents:read", "docs:contributor", "admin-notify:send", "aws:s3:GetObject", "aws:policy/AmazonS3ReadOnlyAccess", "kubernetes:pods:get@payments"])("%s is not broad", (privilege) => {
    expect(broadClassOf(privilege, pack.privileges)).toBeUndefined();
  });

  it("the fact identity.broadPrivileges reads the vocabulary", () => {
    const fact = factDef("identity.broadPrivileges")!;
    const ctx = { active: false, now: NOW, privileges: pack.privileges };
    const of = (privileges: string[]) => fact.get(identitySubject({ id: "svc", kind: "service-account", privileges }), ctx);
    expect(of(["repo:read", "gcp:roles/editor"])).toBe(true);
    expect(of(["repo:read"])).toBe(false);
  });

  it("a pack adds a class that the fact then sees, and may not redefine a built-in one", async () => {
    const dir = tempDir("pack-");
    mkdirSync(join(dir, "rules"));
    writeFileSync(join(dir, "privileges.yaml"), `${PRIVILEGES}  - { id: vault-root, meaning: "Vault's root policy", privileges: ["vault:policy/root-ops"] }\n`);
    const extended = await loadRulePack([RULES_DIR, dir]);
    expect(broadClassOf("vault:policy/root-ops", extended.privileges)).toBe("vault-root");
    expect(broadClassOf("vault:policy/root-ops", pack.privileges)).toBeUndefined();
    // What counts as broad only grows: a pack cannot empty or narrow a class the gate relies on.
    expect(await extraPackProblems({ "privileges.yaml": `${PRIVILEGES}  - { id: admin, meaning: nothing, names: [nobody] }\n` })).toEqual([
      expect.stringMatching(/^4 privilege class "admin" is already defined at .*privileges\.yaml:\d+$/),
    ]);
    expect((await extraPackProblems({ "privileges.yaml": `${PRIVILEGES}  - { id: empty, meaning: nothing }\n` })).join("\n")).toMatch(/expected privileges, names, endings or parts/);
  });
});
