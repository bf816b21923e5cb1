import { z } from "zod";
import { API_VERSION } from "./common.js";

/**
 * What a trigger says about the matches in its scope (ConText's categories): `negated`,
 * `hypothetical`, `advice` and `other-party` take a match out of the evidence (advice can
 * only repeat what is said elsewhere); `cause` marks a sentence that states the cause, which
 * weighs more; `pseudo` is a phrase that holds a trigger but is none ("not only", "should
 * have"), so the triggers it covers are ignored.
 */
export const CONTEXT_CATEGORIES = ["negated", "hypothetical", "advice", "other-party", "cause", "pseudo"] as const;
export type ContextCategory = (typeof CONTEXT_CATEGORIES)[number];

export const ContextTrigger = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, "expected a lower-case kebab-case id"),
  category: z.enum(CONTEXT_CATEGORIES),
  direction: z.enum(["forward", "backward", "both"]).describe("forward: the trigger governs what follows it; backward: what precedes it."),
  scope: z.enum(["clause", "sentence"]).optional().describe("How far a trigger reaches at most (default clause); a terminator ends a sentence scope early."),
  window: z.number().int().min(1).max(16).optional().describe("At most this many words between the trigger and the match (default: the whole scope)."),
  opening: z.boolean().optional().describe("The trigger counts only as the sentence's first words: an inverted condition (\"Had the rollout gone...\", \"Were the key to leak...\")."),
  words: z.array(z.string().min(1)).min(1).describe("The trigger's word sequences, matched by form or lemma, in order and adjacent."),
});
export type ContextTrigger = z.infer<typeof ContextTrigger>;

export const ContextFile = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal("Context"),
  terminators: z.array(z.string().min(1)).optional().describe("Words that end a sentence-wide trigger's scope (\"but\", \"however\")."),
  triggers: z.array(ContextTrigger),
});
