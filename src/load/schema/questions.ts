import { z } from "zod";
import { API_VERSION } from "./common.js";

export const QUESTION_KINDS = ["single", "multi", "yesno", "text", "inventory"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const TEXT_FIELDS = ["id", "title", "description"] as const;
export const INVENTORY_LISTS = ["identities", "workflows", "agents"] as const;

const QuestionId = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, "expected a lower-case kebab-case id");
const ChoiceValue = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, "expected a lower-case kebab-case value");

export const Choice = z.strictObject({
  value: ChoiceValue.describe("What an answers file says; for yes/no questions, yes or no."),
  label: z.string().min(1).optional().describe("What the responder reads (yes/no questions need none)."),
  symptoms: z.array(z.string().min(1)).optional().describe("Symptom codes this answer adds to the incident."),
  standing: z.boolean().optional().describe("The answer tells how things stand (how a credential is kept), not what the incident did: its symptoms are declared `standing: true`."),
  active: z.boolean().optional().describe("Sets the incident's `active` field."),
});

export type When =
  | { all: When[] }
  | { any: When[] }
  | { not: When }
  | { answer: string; includes: string }
  | { answer: string; equals: string | boolean }
  | { inventory: boolean };

export const When: z.ZodType<When> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(When).min(1) }),
    z.strictObject({ any: z.array(When).min(1) }),
    z.strictObject({ not: When }),
    z.strictObject({ answer: QuestionId, includes: ChoiceValue.describe("A multi-choice answer includes this value.") }),
    z.strictObject({ answer: QuestionId, equals: z.union([ChoiceValue, z.boolean()]).describe("A single-choice or yes/no answer is this.") }),
    z.strictObject({ inventory: z.boolean().describe("Whether an inventory was given (--inventory).") }),
  ]),
);

export const Question = z.strictObject({
  id: QuestionId,
  kind: z.enum(QUESTION_KINDS),
  text: z.string().min(1).describe("The question, in plain words."),
  help: z.string().min(1).optional().describe("One line under the question."),
  when: When.optional().describe("Ask only when this holds for the answers given so far."),
  choices: z.array(Choice).optional().describe("For single, multi and yes/no questions."),
  field: z.enum(TEXT_FIELDS).optional().describe("For text questions: the incident field the answer fills."),
  required: z.boolean().optional().describe("For text questions: an empty answer is not accepted."),
  list: z.enum(INVENTORY_LISTS).optional().describe("For inventory questions: which affected list the picks fill."),
});

export const QuestionsFile = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal("Questions"),
  intro: z.string().min(1).describe("Shown before the first question."),
  questions: z.array(Question).min(1),
});

export type Choice = z.infer<typeof Choice>;
export type Question = z.infer<typeof Question>;
export type QuestionsFile = z.infer<typeof QuestionsFile>;
