import { z } from "zod";
import { AWS_OBSERVATIONS } from "./observations/awsObservations.js";
import { AZURE_OBSERVATIONS } from "./observations/azureObservations.js";
import { GCP_OBSERVATIONS } from "./observations/gcpObservations.js";
import { GITHUB_OBSERVATIONS } from "./observations/githubObservations.js";
import { KUBERNETES_OBSERVATIONS } from "./observations/kubernetesObservations.js";
import { TERRAFORM_OBSERVATIONS } from "./observations/terraformObservations.js";

/** What kind of source an entry was discovered in; each reader under src/load/sources adds its own. */
export const SOURCE_KINDS = ["github-workflow", "kubernetes-manifest", "aws-credential-report", "aws-authorization-details", "gcp-service-account-keys", "azure-directory-objects", "terraform-state", "terraform-plan"] as const;
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

/**
 * Facts a source states about a step or identity that no other inventory field holds. A
 * discriminated union, so a rule reads structured fields and never parses a sentence back;
 * each source kind keeps its members in its own file under observations/.
 */
export const Observation = z.discriminatedUnion("fact", [...GITHUB_OBSERVATIONS, ...KUBERNETES_OBSERVATIONS, ...AWS_OBSERVATIONS, ...GCP_OBSERVATIONS, ...AZURE_OBSERVATIONS, ...TERRAFORM_OBSERVATIONS]);

export type Source = z.infer<typeof Source>;
/** Every observation's `fact`, for rules that ask which a subject has. */
export const OBSERVATION_FACTS: readonly string[] = Observation.options.map((o) => o.shape.fact.value);
export type Observation = z.infer<typeof Observation>;
