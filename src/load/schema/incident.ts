import { z } from "zod";
import { API_VERSION, Id } from "./common.js";

export const SymptomRef = z.union([
  z.string().min(1).describe("A symptom code from rules/symptoms.yaml."),
  z.strictObject({
    code: z.string().min(1).describe("A symptom code from rules/symptoms.yaml."),
    note: z.string().optional().describe("What the responder saw."),
    standing: z
      .boolean()
      .optional()
      .describe("A standing condition of the environment (how a credential is kept), not something the incident did: like inventory posture, it joins the decision only when what the incident shows is too thin or evenly split."),
  }),
]);

export const Affected = z.strictObject({
  identities: z.array(Id).optional().describe("Identity ids from the inventory."),
  workflows: z.array(Id).optional().describe("Workflow ids from the inventory."),
  agents: z.array(Id).optional().describe("Agent ids from the inventory."),
});

export const Incident = z.strictObject({
  apiVersion: z.literal(API_VERSION).describe(`Always ${API_VERSION}.`),
  kind: z.literal("Incident"),
  id: Id.describe("Unique within a batch, e.g. INC-2026-041."),
  title: z.string().optional().describe("One line."),
  description: z.string().optional().describe("Free text; known phrases are mapped to symptoms."),
  active: z.boolean().optional().describe("True while a compromise is ongoing: contain first."),
  symptoms: z.array(SymptomRef).optional().describe("Codes from the symptom vocabulary."),
  affected: Affected.optional().describe("What the incident touched, by inventory id."),
});

export type Incident = z.infer<typeof Incident>;
export type SymptomRef = z.infer<typeof SymptomRef>;
