import { redactText } from "../../../redact/redactText.js";
import type { Observation } from "../../schema/source.js";
import type { PolicyStatement } from "./policyStatements.js";

const GITHUB_OIDC = "token.actions.githubusercontent.com";
const ACCOUNT = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/;

export interface Trust {
  observed: Observation[];
  /** Assumed through a web identity (OIDC) provider: a workload identity. */
  oidc: boolean;
  /** Assumed through a SAML provider: people signing in through single sign-on. */
  saml: boolean;
}

/** The account an ARN (or a bare account id) names. */
const accountOf = (p: string) => (/^\d{12}$/.test(p) ? p : ACCOUNT.exec(p)?.[1]);

/**
 * Who a role's trust policy lets assume it. A GitHub OIDC trust is only as narrow as its
 * `sub` condition: without one, or with only `*`, a workflow in any repository on GitHub can
 * assume the role (Checkov CKV_AWS_358). A principal of another account, or `*`, is a
 * cross-account trust.
 */
export function trustPolicy(roleArn: string, statements: readonly PolicyStatement[]): Trust {
  const own = accountOf(roleArn);
  const observed: Observation[] = [];
  let oidc = false;
  let saml = false;
  for (const s of statements) {
    if (!s.allow) continue;
    const federated = s.principals.Federated ?? [];
    if (federated.some((f) => f.includes(":saml-provider/"))) saml = true;
    if (federated.some((f) => f.includes(":oidc-provider/") || !f.startsWith("arn:"))) oidc = true;
    if (federated.some((f) => f.endsWith(`/${GITHUB_OIDC}`) || f === GITHUB_OIDC)) {
      const subjects = s.conditions.filter((c) => c.key.toLowerCase() === `${GITHUB_OIDC}:sub`).flatMap((c) => c.values);
      observed.push({ fact: "aws-github-oidc-trust", subjects: subjects.map(redactText), ...s.at });
      if (subjects.length === 0 || subjects.some((v) => v === "*" || v === "repo:*")) observed.push({ fact: "aws-github-oidc-any-repository", ...s.at });
    }
    for (const p of s.principals.AWS ?? []) {
      const account = p === "*" ? "*" : accountOf(p);
      if (account !== undefined && account !== own) observed.push({ fact: "aws-cross-account-trust", account, ...s.at });
    }
  }
  return { observed, oidc, saml };
}
