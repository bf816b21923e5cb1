import type { DecisionSettings } from "../load/schema/decision.js";
import type { SymptomFact } from "./symptomFact.js";

/**
 * How strongly one symptom fact shows its symptom, as a multiple of its rule's weight. A
 * match in a sentence that states the cause is the writer's conclusion about what failed,
 * not a consequence of it, and counts `causeFactor` times. A frame's weight only ranks one
 * symptom's matches (which one stands as its evidence): scaling the finding by it put
 * incidents whose one finding came from a frame below the evidence floor (measured on the
 * corpora: blind3 15 -> 14, public-incidents 24 -> 23 right), though a frame that fired
 * asserted is as much the symptom as its phrase.
 */
export function symptomStrength(s: SymptomFact, settings: Pick<DecisionSettings, "causeFactor">): number {
  return s.source === "description" && s.cause ? settings.causeFactor : 1;
}
