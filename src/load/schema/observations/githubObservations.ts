import { z } from "zod";
import { At } from "./at.js";

/** What a GitHub Actions workflow shows about a job that no inventory field holds. */
export const GITHUB_OBSERVATIONS = [
  z.strictObject({
    fact: z.literal("third-party-action"),
    uses: z.string().min(1).describe("The action or reusable workflow as written after `uses:`."),
    pinned: z.boolean().describe("Is it pinned to a full 40-hex commit SHA (or an image digest)?"),
    ...At,
  }).describe("Code from outside actions/ and github/ that runs with the job's token."),
  z.strictObject({
    fact: z.literal("untrusted-checkout"),
    trigger: z.enum(["pull_request_target", "workflow_run"]).describe("The privileged trigger the checkout runs under."),
    ref: z.string().min(1).describe("The `with.ref` expression that names the untrusted head."),
    ...At,
  }).describe("A checkout of a pull request's or triggering run's head under a trigger that has secrets and a write token."),
  z.strictObject({
    fact: z.literal("secrets-inherit"),
    uses: z.string().min(1).describe("The reusable workflow that receives every secret of the caller."),
    ...At,
  }).describe("`secrets: inherit` passes every secret of the repository to a reusable workflow."),
  z.strictObject({
    fact: z.literal("all-secrets"),
    ...At,
  }).describe("`toJSON(secrets)` or `secrets[...]` with a computed name exposes every secret to the job."),
  z.strictObject({
    fact: z.literal("self-hosted-runner"),
    labels: z.array(z.string().min(1)).describe("The `runs-on` labels."),
    ...At,
  }).describe("The job runs on a self-hosted runner, which may keep state between runs unless it is ephemeral."),
  z.strictObject({
    fact: z.literal("shared-cache"),
    uses: z.string().min(1).describe("The step that restores or saves the cache: `actions/cache`, or a `setup-*` action with `cache:`."),
    ...At,
  }).describe("The job restores a cache that earlier runs (of any branch the cache's scope allows) saved: state shared between runs."),
  z.strictObject({
    fact: z.literal("unreviewed-environment"),
    environment: z.string().min(1).describe("The environment the job names."),
    listed: z.boolean().describe("Does the repository's list of environments have it? One it lacks is created, unprotected, when a job first names it."),
    ...At,
  }).describe("The job deploys to an environment with no required reviewers (read from `--github-environments`)."),
] as const;
