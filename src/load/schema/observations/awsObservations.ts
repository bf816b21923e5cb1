import { z } from "zod";
import { DateString } from "../common.js";
import { At } from "./at.js";

/** What an AWS IAM credential report or authorization-details export shows about a user or role that no inventory field holds. */
export const AWS_OBSERVATIONS = [
  z.strictObject({
    fact: z.literal("aws-access-key"),
    key: z.union([z.literal(1), z.literal(2)]).describe("Which of the user's two access key slots is active."),
    lastRotated: DateString.optional().describe("When the key was created or last rotated; absent when the report says N/A."),
    lastUsed: DateString.optional().describe("When the key was last used; absent when it never was or the report has no information."),
    ...At,
  }).describe("An active IAM access key (a static credential) of the user, as the credential report lists it."),
  z.strictObject({
    fact: z.literal("aws-two-active-keys"),
    ...At,
  }).describe("Both of the user's access key slots are active: a rotation left the old key working, or two holders share the user."),
  z.strictObject({
    fact: z.literal("aws-root-user"),
    ...At,
  }).describe("The account's root user: it can do anything in the account and no policy limits it."),
  z.strictObject({
    fact: z.literal("aws-console-password"),
    lastUsed: DateString.optional().describe("When the password was last used to sign in, when the report says."),
    ...At,
  }).describe("The user can sign in to the AWS console with a password: a person may be acting as it."),
  z.strictObject({
    fact: z.literal("aws-no-mfa"),
    ...At,
  }).describe("The user has a console password and no MFA device."),
  z.strictObject({
    fact: z.literal("aws-wildcard-action"),
    policy: z.string().min(1).describe("The policy that holds the statement (its name, or `inline:<name>`)."),
    ...At,
  }).describe("An Allow statement grants `Action: \"*\"` (or `NotAction`), every action of every service."),
  z.strictObject({
    fact: z.literal("aws-wildcard-resource"),
    policy: z.string().min(1).describe("The policy that holds the statement (its name, or `inline:<name>`)."),
    ...At,
  }).describe("An Allow statement grants an action that is not read-only on `Resource: \"*\"`, every resource of the account."),
  z.strictObject({
    fact: z.literal("aws-github-oidc-trust"),
    subjects: z.array(z.string().min(1)).describe("The `token.actions.githubusercontent.com:sub` values the trust policy allows; empty when it has no sub condition."),
    ...At,
  }).describe("The role's trust policy lets GitHub Actions workflows assume it through OIDC."),
  z.strictObject({
    fact: z.literal("aws-github-oidc-any-repository"),
    ...At,
  }).describe("The role trusts GitHub's OIDC provider without a `sub` condition: a workflow of any repository on GitHub can assume it."),
  z.strictObject({
    fact: z.literal("aws-cross-account-trust"),
    account: z.string().min(1).describe("The other account the trust policy names (its 12-digit id), or `*` for any principal."),
    ...At,
  }).describe("The role's trust policy lets principals of another AWS account (or anyone) assume it."),
] as const;
