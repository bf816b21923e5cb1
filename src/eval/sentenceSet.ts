import { z } from "zod";
import { API_VERSION } from "../load/schema/common.js";

/**
 * The kinds of hard negative: a sentence that uses a symptom's words without showing it.
 * negation ("no sign the key was misused"), advice ("customers should rotate"), hypothetical
 * ("if the token had leaked"), other-party (someone else's incident, a vendor's report of
 * another firm), other-sense (the same words meaning something else: a replayed session
 * cookie is not a replayed workflow step).
 */
export const HARD_NEGATIVE_KINDS = ["negation", "advice", "hypothetical", "other-party", "other-sense"] as const;
export type HardNegativeKind = (typeof HARD_NEGATIVE_KINDS)[number];

const Code = z.string().min(1).describe("A symptom code from the rule pack.");

export const LabelledSentence = z.strictObject({
  text: z.string().min(1).describe("One sentence, written the way a postmortem or incident channel words it."),
  shows: z.array(Code).default([]).describe("The symptoms the sentence shows; empty when it shows none."),
  hard: z
    .strictObject({
      kind: z.enum(HARD_NEGATIVE_KINDS),
      not: z.array(Code).min(1).describe("The symptoms its words tempt a reader toward but it does not show."),
    })
    .optional()
    .describe("Set on a hard negative."),
});

export const SentenceFile = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal("Sentences"),
  sentences: z.array(LabelledSentence).min(1),
});

export type LabelledSentence = z.infer<typeof LabelledSentence>;
export type SentenceFile = z.infer<typeof SentenceFile>;
