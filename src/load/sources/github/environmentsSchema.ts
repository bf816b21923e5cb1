import { z } from "zod";

/**
 * `gh api repos/OWNER/REPO/environments`: the parts discover reads. Loose, as GitHub adds
 * fields (ids, urls, custom deployment protection rules) that say nothing about who approves.
 * A rule's own fields are checked by its type, so a misspelt `reviewers` is not read as none.
 */
const Reviewer = z.looseObject({
  type: z.string().min(1).describe("`User` or `Team`."),
  reviewer: z.looseObject({}).optional(),
});

/**
 * One rule of an environment. `required_reviewers` must carry its reviewers, so that a
 * misspelt or cut field is an error rather than an environment read as unreviewed;
 * `branch_policy` and custom (app) rules decide which refs or checks may deploy, not who approves.
 */
export const ProtectionRule = z.looseObject({
  type: z.string().min(1).describe("required_reviewers, wait_timer, branch_policy, or a custom rule's type."),
  reviewers: z.array(Reviewer).optional().describe("Who may approve a deployment (required_reviewers)."),
  prevent_self_review: z.boolean().optional().describe("Does GitHub refuse an approval by whoever started the run?"),
  wait_timer: z.number().int().min(0).optional().describe("Minutes a deployment waits before it starts (wait_timer)."),
}).superRefine((rule, ctx) => {
  if (rule.type === "required_reviewers" && rule.reviewers === undefined) {
    ctx.addIssue({ code: "custom", path: ["reviewers"], message: "expected the list of reviewers of a required_reviewers rule" });
  }
});

export const GithubEnvironments = z.looseObject({
  total_count: z.number().int().min(0).optional(),
  environments: z.array(z.looseObject({
    name: z.string().min(1).describe("The environment's name, as jobs write it after `environment:`."),
    protection_rules: z.array(ProtectionRule).optional(),
    deployment_branch_policy: z.looseObject({ protected_branches: z.boolean(), custom_branch_policies: z.boolean() }).nullable().optional(),
  })).describe("The repository's environments; one that a job names but this list lacks has no protection."),
});

export type GithubEnvironments = z.infer<typeof GithubEnvironments>;
