import { z } from "zod";

/**
 * The parts of `aws iam get-account-authorization-details` that discover reads. Loose: AWS
 * adds fields (tags, permission boundaries, instance profiles) that say nothing about who
 * may do what here. A document is a JSON object from the CLI, a URL-encoded JSON string from
 * the API: both are accepted and read by policyDocument.
 */
const Document = z.union([z.string(), z.looseObject({})]).describe("A policy document: JSON, or URL-encoded JSON text.");
const Attached = z.array(z.looseObject({ PolicyName: z.string().min(1), PolicyArn: z.string().min(1) }));
const Inline = z.array(z.looseObject({ PolicyName: z.string().min(1), PolicyDocument: Document }));

export const AuthorizationDetails = z.looseObject({
  UserDetailList: z.array(z.looseObject({
    UserName: z.string().min(1),
    Arn: z.string().min(1),
    GroupList: z.array(z.string().min(1)).optional(),
    AttachedManagedPolicies: Attached.optional(),
    UserPolicyList: Inline.optional(),
  })).optional(),
  GroupDetailList: z.array(z.looseObject({
    GroupName: z.string().min(1),
    AttachedManagedPolicies: Attached.optional(),
    GroupPolicyList: Inline.optional(),
  })).optional(),
  RoleDetailList: z.array(z.looseObject({
    RoleName: z.string().min(1),
    Arn: z.string().min(1),
    Path: z.string().optional(),
    AssumeRolePolicyDocument: Document.optional(),
    AttachedManagedPolicies: Attached.optional(),
    RolePolicyList: Inline.optional(),
    RoleLastUsed: z.looseObject({ LastUsedDate: z.string().optional() }).optional(),
  })).optional(),
  Policies: z.array(z.looseObject({
    PolicyName: z.string().min(1),
    Arn: z.string().min(1),
    DefaultVersionId: z.string().optional(),
    PolicyVersionList: z.array(z.looseObject({ Document: Document, VersionId: z.string().optional(), IsDefaultVersion: z.boolean().optional() })).optional(),
  })).optional(),
});

export type AuthorizationDetails = z.infer<typeof AuthorizationDetails>;

/** The lists that make a JSON file an authorization-details export. */
export const DETAIL_LISTS = ["UserDetailList", "GroupDetailList", "RoleDetailList"] as const;
