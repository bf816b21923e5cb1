import { z } from "zod";
import { API_VERSION, DateString } from "./common.js";

export const SUBJECT_KINDS_IN_REFS = ["identity", "workflow", "agent"] as const;

export const Waiver = z.strictObject({
  rule: z.string().min(1).describe("The rule id the waiver covers, e.g. NHI-STATIC-SECRET."),
  subject: z
    .string()
    .min(1)
    .describe("identity:ID, workflow:ID, workflow:ID/step:ID or agent:ID; `*` matches any run of characters."),
  reason: z.string().trim().min(1, "expected a reason: why the risk is accepted for now").describe("Why the risk is accepted for now."),
  owner: z.string().trim().min(1, "expected an owner: who answers for the waiver").describe("Who answers for the waiver."),
  expires: DateString.describe("The last day the waiver applies; after it the finding counts again."),
});

export const WaiversFile = z.strictObject({
  apiVersion: z.literal(API_VERSION).describe(`Always ${API_VERSION}.`),
  kind: z.literal("Waivers"),
  waivers: z.array(Waiver).describe("Accepted risks, each for one rule and one subject (or a glob of subjects)."),
});

export type Waiver = z.infer<typeof Waiver>;
