import { z } from "zod";
import { API_VERSION } from "./common.js";

const Fraction = z.number().min(0).max(1);
const OpenFraction = z.number().gt(0).lt(1);
const SymptomCode = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, "expected a lower-case kebab-case code");

const Band = z.strictObject({
  base: Fraction.describe("Confidence of the barest call in this band."),
  span: Fraction.describe("What a clear, well-supported call adds on top of base; base + span is at most 1."),
});

export const Confidence = z.strictObject({
  nothingFound: Fraction.describe("insufficient-evidence with no evidence at all."),
  someFound: Fraction.describe("insufficient-evidence with some, too little to decide."),
  decided: Band.describe("orchestration-first or identity-first."),
  balanced: Band.describe("both, because neither side leads clearly."),
  boundary: Band.describe("both, because a blurred-boundary finding and no strong lead."),
  supportFloor: Fraction.describe("The share of a band's span a call gets on the least evidence that can decide."),
});

export const DecisionSettings = z.strictObject({
  minEvidence: z.number().gt(0).max(100).describe("Weight the leading side needs before a layer is chosen."),
  lead: OpenFraction.describe("How far one side must lead (0 even, 1 all its own) to put its layer first."),
  boundaryLead: OpenFraction.describe("With a blurred-boundary finding, a lead below this is both; at least lead."),
  fullSupport: z.number().gt(0).max(1000).describe("Evidence weight at which more evidence stops raising confidence."),
  postureFactor: Fraction.describe("The fraction of its weight a posture finding counts."),
  causeFactor: z
    .number()
    .min(1, "causeFactor is a bonus: at least 1, or a sentence stating the cause would weigh less than one describing an effect")
    .max(4)
    .describe("How many times a symptom read in a sentence that states the cause counts, against the same match in a sentence that describes an effect."),
  standingConditions: z
    .array(SymptomCode)
    .describe("Symptom codes that state a standing condition (how a credential is kept) rather than what the incident did; a rule testing only these is posture."),
  confidence: Confidence,
});
export type DecisionSettings = z.infer<typeof DecisionSettings>;

/** What one pack's decision.yaml may say: any field, each replacing the one before; conditions are added. */
export const DecisionSettingsPart = DecisionSettings.extend({ confidence: Confidence.partial() }).partial();
export type DecisionSettingsPart = z.infer<typeof DecisionSettingsPart>;

export const DecisionFile = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal("DecisionSettings"),
  decision: DecisionSettingsPart,
});
