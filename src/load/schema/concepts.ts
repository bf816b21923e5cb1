import { z } from "zod";
import { API_VERSION } from "./common.js";

export const ConceptId = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, "expected a lower-case kebab-case id");
/** Universal Dependencies part-of-speech tags, as wink-nlp gives them. */
export const POS_TAGS = ["ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X", "SPACE"] as const;

export const Concept = z.strictObject({
  id: ConceptId,
  meaning: z.string().min(1).describe("One line: the class of things the words name."),
  pos: z.array(z.enum(POS_TAGS)).min(1).optional().describe("Parts of speech a one-word entry must have in the text (\"key\" the noun, not the adjective)."),
  words: z.array(z.string().min(1)).describe("Lemmas and several-word expressions of the class, matched by form or lemma."),
});
export type Concept = z.infer<typeof Concept>;

export const ConceptsFile = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal("Concepts"),
  concepts: z.array(Concept),
});

export const FRAME_RELATIONS = ["clause", "sentence", "following-sentence"] as const;

export const Frame = z.strictObject({
  id: ConceptId,
  concepts: z.array(ConceptId).min(1).max(4).describe("Concepts that must meet; with following-sentence, the first is named in one sentence and the rest in the next, which refers back to it."),
  relation: z.enum(FRAME_RELATIONS).describe("Where the concepts must meet."),
  exclude: z.array(ConceptId).optional().describe("Concepts whose presence in the same place means another sense (a replayed session is no replayed step)."),
  weight: z.number().gt(0).lte(1).describe("How strongly the frame shows the symptom, recorded on the fact."),
});
export type Frame = z.infer<typeof Frame>;
