import { z } from "zod";

/** What kind of source an entry was discovered in; each reader under src/load/sources adds its own. */
export const SOURCE_KINDS = ["github-workflow"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Where a discovered entry came from, so a finding about it can point at the line in the source. */
export const Source = z
  .strictObject({
    file: z.string().min(1).describe("The source file, as the path given to discover names it."),
    line: z.number().int().min(1).describe("1-based line of the entry in that file."),
    column: z.number().int().min(1).optional().describe("1-based column of the entry in that file."),
    kind: z.enum(SOURCE_KINDS).describe("Which kind of source the entry was read from."),
  })
  .describe("Provenance of an entry written by `nhi-triage discover`; absent in hand-written entries.");

const At = {
  line: z.number().int().min(1).describe("1-based line of what was observed, in the step's source file."),
  column: z.number().int().min(1).optional().describe("1-based column of what was observed."),
};

/**
 * Facts a source states about a step that no other inventory field holds. A discriminated
 * union, so a rule reads structured fields and never parses a sentence back.
 */
export const Observation = z.discriminatedUnion("fact", [
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
]);

export type Source = z.infer<typeof Source>;
export type Observation = z.infer<typeof Observation>;
