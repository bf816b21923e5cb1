import type { DecisionSettings } from "../load/schema/decision.js";
import type { SymptomFact } from "./symptomFact.js";

/**
 * How strongly one symptom fact shows its symptom, as a multiple of its rule's weight. A
 * declared symptom is the author's own statement, and a phrase is the symptom's own words:
 * both are the full weight a frame's weight (0 to 1) is measured against. A frame's match
 * counts at its weight. A match in a sentence that states the cause is the writer's
 * conclusion about what failed, not a consequence of it, and counts `causeFactor` times.
 */
export function symptomStrength(s: SymptomFact, settings: Pick<DecisionSettings, "causeFactor">): number {
  if (s.source === "declared") return 1;
  return (s.weight ?? 1) * (s.cause ? settings.causeFactor : 1);
}
