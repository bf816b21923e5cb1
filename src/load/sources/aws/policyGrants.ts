import { redactText } from "../../../redact/redactText.js";
import type { Observation } from "../../schema/source.js";
import type { PolicyStatement } from "./policyStatements.js";

/** Actions that only read: on `Resource: "*"` they are the usual, harmless case (Checkov CKV_AWS_355 passes them too). */
const READ_ONLY = /^[a-z0-9-]+:(?:Get|List|Describe|Head|BatchGet|Search|Lookup|View)[A-Za-z0-9*]*$/i;

/** `s3:GetObject` as a privilege: `aws:s3:GetObject`; the service in lower case, as AWS matches it case-blind. */
export function actionPrivilege(action: string): string {
  const colon = action.indexOf(":");
  return colon === -1 ? `aws:${action}` : `aws:${action.slice(0, colon).toLowerCase()}${action.slice(colon)}`;
}

export interface Grants {
  privileges: string[];
  observed: Observation[];
}

/**
 * What a policy's Allow statements grant, as privileges, and the wildcards among them, at
 * the statement's place. `NotAction` allows every action but the listed ones: it grants
 * `aws:*` less a few, and counts as a wildcard. Deny statements and conditions only narrow
 * a grant, so they are not subtracted: privileges are what the policies could allow.
 */
export function policyGrants(name: string, statements: readonly PolicyStatement[]): Grants {
  // Names and actions are the file's words: copied, they are redacted like any other.
  const policy = redactText(name);
  const privileges: string[] = [];
  const observed: Observation[] = [];
  for (const s of statements) {
    if (!s.allow) continue;
    const every = s.notAction || s.actions.some((a) => a === "*" || a === "*:*");
    if (every) {
      privileges.push("aws:*");
      observed.push({ fact: "aws-wildcard-action", policy, ...s.at });
    } else privileges.push(...s.actions.map((a) => redactText(actionPrivilege(a))));
    if (s.resources.includes("*") && (every || s.actions.some((a) => !READ_ONLY.test(a)))) observed.push({ fact: "aws-wildcard-resource", policy, ...s.at });
  }
  return { privileges, observed };
}
