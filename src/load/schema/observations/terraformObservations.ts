import { z } from "zod";
import { DateString } from "../common.js";
import { At } from "./at.js";

/** What `terraform show -json` (a state or a plan) shows about a credential Terraform manages that no inventory field holds. */
export const TERRAFORM_OBSERVATIONS = [
  z.strictObject({
    fact: z.literal("terraform-secret-in-state"),
    attribute: z.string().min(1).describe("The resource attribute that holds the value (`secret`, `private_key`, `value`…); the value itself is never copied."),
    ...At,
  }).describe("The state (or plan) holds a credential's value in plain text: whoever can read the state file or its backend holds the credential."),
  z.strictObject({
    fact: z.literal("terraform-aws-access-key"),
    user: z.string().min(1).optional().describe("The IAM user the key belongs to, when the state names it."),
    lastRotated: DateString.optional().describe("The key's `create_date`, when the state has it."),
    ...At,
  }).describe("A long-lived IAM access key managed as a Terraform resource (`aws_iam_access_key`)."),
  z.strictObject({
    fact: z.literal("terraform-iam-user"),
    ...At,
  }).describe("An IAM user managed as a Terraform resource (`aws_iam_user`): a long-lived principal outside single sign-on."),
  z.strictObject({
    fact: z.literal("terraform-actions-secret-plaintext"),
    ...At,
  }).describe("A GitHub Actions secret set from `plaintext_value`: the value sits in the configuration's inputs and in the state, not only in GitHub."),
  z.strictObject({
    fact: z.literal("terraform-service-account-key"),
    type: z.string().min(1).describe("The resource type: `google_service_account_key`, `azuread_application_password`, `azuread_service_principal_password`."),
    ...At,
  }).describe("A service-account key or application password created by Terraform: a static secret that lives until it expires or is replaced."),
  z.strictObject({
    fact: z.literal("terraform-key-rotation"),
    actions: z.array(z.string().min(1)).describe("The plan's actions on the key, `[delete, create]` or `[create, delete]`."),
    ...At,
  }).describe("The plan replaces the key: applying it rotates the credential, and whoever holds the old value must get the new one."),
  z.strictObject({
    fact: z.literal("terraform-key-created"),
    ...At,
  }).describe("The plan creates a new long-lived key."),
] as const;
