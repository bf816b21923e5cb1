import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mapAuthorizationDetails } from "../../src/discover/mapAuthorizationDetails.js";
import { Identity } from "../../src/load/schema/inventory.js";
import { readAuthorizationDetails } from "../../src/load/sources/aws/readAuthorizationDetails.js";
import { ROOT } from "../helpers.js";
import { refusedAt } from "../tools/refusedAt.js";

const OIDC = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const role = (RoleName: string, trust: unknown, extra: Record<string, unknown> = {}) => ({ RoleName, Arn: `arn:aws:iam::123456789012:role/${RoleName}`, AssumeRolePolicyDocument: trust, ...extra });
const oidcTrust = (condition: Record<string, unknown>) => doc({ Effect: "Allow", Principal: { Federated: OIDC }, Action: "sts:AssumeRoleWithWebIdentity", Condition: condition });

let text = "";
function identities(data: unknown): Identity[] {
  text = JSON.stringify(data, null, 4);
  const read = readAuthorizationDetails("details.json", text, true);
  if (!read) throw new Error("not an export");
  return mapAuthorizationDetails(read.facts).map((i) => Identity.parse(i));
}
const byId = (ids: Identity[], id: string) => ids.find((i) => i.id === id)!;
/** The text from an observation's place on: what a finding there would show. */
const at = (o: { line: number; column?: number }) => text.split("\n").slice(o.line - 1).join("\n").slice((o.column ?? 1) - 1);
const facts = (i: Identity) => (i.observed ?? []).map((o) => o.fact);
const refusal = (text: string, mustBe = true) => refusedAt(() => readAuthorizationDetails("details.json", text, mustBe));

describe("AWS authorization details", () => {
  it("flags a GitHub OIDC trust without a sub condition, and keeps the subjects of one with it", () => {
    const ids = identities({ RoleDetailList: [
      role("any", oidcTrust({ StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } })),
      role("star", oidcTrust({ StringLike: { "token.actions.githubusercontent.com:sub": "*" } })),
      role("app", oidcTrust({ StringLike: { "token.actions.githubusercontent.com:sub": ["repo:acme/app:ref:refs/heads/main", "repo:acme/app:environment:prod"] } })),
    ] });
    expect(facts(byId(ids, "aws/iam/role/any"))).toEqual(["aws-github-oidc-trust", "aws-github-oidc-any-repository"]);
    expect(facts(byId(ids, "aws/iam/role/star"))).toEqual(["aws-github-oidc-trust", "aws-github-oidc-any-repository"]);
    const app = byId(ids, "aws/iam/role/app");
    expect(app.observed).toMatchObject([{ fact: "aws-github-oidc-trust", subjects: ["repo:acme/app:ref:refs/heads/main", "repo:acme/app:environment:prod"] }]);
    // At the statement itself, inside the role's trust policy.
    expect(at(app.observed![0]!)).toMatch(/^\{\s+"Effect": "Allow",\s+"Principal": \{\s+"Federated"[^]*?"repo:acme\/app:ref/);
    expect(app.credential).toEqual({ type: "workload-identity" });
  });

  it("reads a URL-encoded trust policy as the API returns it, at the string's place", () => {
    const trust = doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999988887777:root" }, Action: "sts:AssumeRole" });
    const ids = identities({ RoleDetailList: [role("vendor", encodeURIComponent(JSON.stringify(trust))), role("open", doc({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" })), role("own", doc({ Effect: "Allow", Principal: { AWS: "123456789012" }, Action: "sts:AssumeRole" }))] });
    const vendor = byId(ids, "aws/iam/role/vendor").observed!;
    expect(vendor).toMatchObject([{ fact: "aws-cross-account-trust", account: "999988887777" }]);
    expect(at(vendor[0]!)).toMatch(/^"%7B%22Version/);
    expect(byId(ids, "aws/iam/role/vendor").credential).toEqual({ type: "short-lived-token" });
    expect(facts(byId(ids, "aws/iam/role/open"))).toEqual(["aws-cross-account-trust"]);
    expect(byId(ids, "aws/iam/role/own").observed).toBeUndefined();
  });

  it("names AWS managed policies, expands a customer policy's default version, and resolves groups", () => {
    const arn = "arn:aws:iam::123456789012:policy/Deploy";
    const ids = identities({
      UserDetailList: [{ UserName: "ci", Arn: "arn:aws:iam::123456789012:user/ci", GroupList: ["g"], AttachedManagedPolicies: [{ PolicyName: "Deploy", PolicyArn: arn }] }],
      GroupDetailList: [{ GroupName: "g", AttachedManagedPolicies: [{ PolicyName: "IAMFullAccess", PolicyArn: "arn:aws:iam::aws:policy/IAMFullAccess" }], GroupPolicyList: [{ PolicyName: "push", PolicyDocument: doc({ Effect: "Allow", Action: "ECR:PutImage", Resource: "arn:aws:ecr:eu-west-1:123456789012:repository/app" }) }] }],
      RoleDetailList: [role("admin", doc(), { AttachedManagedPolicies: [{ PolicyName: "AdministratorAccess", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }, { PolicyName: "Gone", PolicyArn: "arn:aws:iam::123456789012:policy/Gone" }] })],
      Policies: [{ PolicyName: "Deploy", Arn: arn, DefaultVersionId: "v2", PolicyVersionList: [
        { VersionId: "v1", IsDefaultVersion: false, Document: doc({ Effect: "Allow", Action: "*", Resource: "*" }) },
        { VersionId: "v2", IsDefaultVersion: true, Document: doc({ Effect: "Allow", Action: ["ecs:UpdateService", "ecs:DescribeServices"], Resource: "*" }, { Effect: "Deny", Action: "*", Resource: "*" }) },
      ] }],
    });
    const ci = byId(ids, "aws/iam/user/ci");
    expect(ci.privileges).toEqual(["aws:ecr:PutImage", "aws:ecs:DescribeServices", "aws:ecs:UpdateService", "aws:policy/IAMFullAccess"]);
    expect(ci.observed).toMatchObject([{ fact: "aws-wildcard-resource", policy: "Deploy" }]);
    expect(at(ci.observed![0]!)).toMatch(/^\{\s+"Effect": "Allow",\s+"Action": \[\s+"ecs:UpdateService"/);
    expect(byId(ids, "aws/iam/role/admin").privileges).toEqual(["aws:customer-policy/Gone", "aws:policy/AdministratorAccess"]);
  });

  it("grants aws:* for Action \"*\" and NotAction, and passes over read-only actions on every resource", () => {
    const ids = identities({ UserDetailList: [
      { UserName: "a", Arn: "arn:aws:iam::1:user/a", UserPolicyList: [{ PolicyName: "all", PolicyDocument: doc({ Effect: "Allow", Action: "*", Resource: "*" }) }] },
      { UserName: "b", Arn: "arn:aws:iam::1:user/b", UserPolicyList: [{ PolicyName: "most", PolicyDocument: doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }) }] },
      { UserName: "c", Arn: "arn:aws:iam::1:user/c", UserPolicyList: [{ PolicyName: "read", PolicyDocument: doc({ Effect: "Allow", Action: ["s3:GetObject", "ec2:Describe*"], Resource: "*" }) }] },
    ] });
    expect(byId(ids, "aws/iam/user/a").privileges).toEqual(["aws:*"]);
    expect(facts(byId(ids, "aws/iam/user/a"))).toEqual(["aws-wildcard-action", "aws-wildcard-resource"]);
    expect(byId(ids, "aws/iam/user/b").privileges).toEqual(["aws:*"]);
    expect(byId(ids, "aws/iam/user/c").observed).toBeUndefined();
  });

  it("passes over other JSON, and refuses a broken export at file:line:column", () => {
    expect(readAuthorizationDetails("package.json", '{"name": "x"}', false)).toBeUndefined();
    expect(refusal('{"RoleDetailList": [\n  {"RoleName": "r"}\n]}')).toEqual(['2:3 missing required field "Arn" in RoleDetailList[0]']);
    expect(refusal('{"RoleDetailList": [\n  {"RoleName": "r", "Arn": "arn:aws:iam::1:role/r", "AssumeRolePolicyDocument": "%7Bnot json"}\n]}')).toEqual(["2:81 expected a policy document: JSON, or URL-encoded JSON as the IAM API returns it"]);
    expect(refusal('{"RoleDetailList": [\n  {"RoleName": "r",\n]}', false)[0]).toMatch(/^3:1 /);
    expect(refusal("[]", true)[0]).toMatch(/^1:1 not an authorization-details export/);
  });

  it("reads the fixture export", () => {
    const text = readFileSync(join(ROOT, "fixtures/sources/aws/authorization-details.json"), "utf8");
    const read = readAuthorizationDetails("a.json", text, false)!;
    const ids = mapAuthorizationDetails(read.facts);
    expect(ids.map((i) => i.id)).toContain("aws/iam/role/AWSReservedSSO_PlatformAdmin_3f9a1c2b");
    expect(byId(ids, "aws/iam/role/AWSReservedSSO_PlatformAdmin_3f9a1c2b").humanUse).toBe(true);
    expect(facts(byId(ids, "aws/iam/role/github-any-repo"))).toContain("aws-github-oidc-any-repository");
    expect(facts(byId(ids, "aws/iam/role/github-deploy"))).not.toContain("aws-github-oidc-any-repository");
  });
});
