import { z } from "zod";
import { API_VERSION } from "./common.js";

export const AnswersFile = z.strictObject({
  apiVersion: z.literal(API_VERSION).describe(`Always ${API_VERSION}.`),
  kind: z.literal("Answers"),
  answers: z
    .record(z.string(), z.union([z.string(), z.array(z.string()), z.boolean()]))
    .describe("Question id → answer: a choice value, a list of values or ids, true/false, or text."),
});
export type AnswersFile = z.infer<typeof AnswersFile>;
