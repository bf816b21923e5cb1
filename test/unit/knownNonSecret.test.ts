import { describe, expect, it } from "vitest";
import { findSecrets } from "../../src/redact/findSecrets.js";

const kinds = (text: string) => findSecrets(text).map((s) => s.kind);

describe("identifiers a provider publishes are not credentials", () => {
  it("AWS unique ids of users and roles, account ids, SSO role names and a URL-encoded policy pass; access keys do not", () => {
    expect(kinds('"UserId": "AIDACIDEPLOYEXAMPLE1"')).toEqual([]);
    expect(kinds('"RoleId": "AROAQXYZEXAMPLE12345"')).toEqual([]);
    expect(kinds('account: "999988887777"')).toEqual([]);
    expect(kinds('"RoleName": "AWSReservedSSO_PlatformAdmin_3f9a1c2b4d5e6f70"')).toEqual([]);
    const policy = encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Federated: "arn:aws:iam::999988887777:oidc-provider/token.actions.githubusercontent.com" }, Action: "sts:AssumeRoleWithWebIdentity" }] }));
    expect(kinds(`"AssumeRolePolicyDocument": "${policy}"`)).toEqual([]);
    // Still found: an access key id, a secret access key, a long random token.
    expect(kinds('aws_access_key_id = "AKIAQ4EXAMPLEKEY7Z3X"').length).toBe(1);
    expect(kinds('aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"').length).toBe(1);
    expect(kinds('"token": "q8Zr3KfT1xVb7LmN2pWd9HsY4gJc6EaU0tRi5oBn"').length).toBe(1);
  });
});
