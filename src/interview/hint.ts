import { triage } from "../engine/triage.js";
import type { InventoryIndex } from "../load/loadInventory.js";
import type { RulePack } from "../load/rulePack.js";
import type { Incident } from "../load/schema/incident.js";
import type { Lean } from "../engine/types.js";

export interface Leaning {
  decision: string;
  confidence: number;
  coordination: number;
  attribution: number;
  /** While undecided: the side the thin evidence favours, if either. */
  leans?: Lean;
}

/** The triage the answers so far would get, reduced to what the live hint shows. */
export function leaning(pack: RulePack, inventory: InventoryIndex | undefined, incident: Incident, now: number): Leaning {
  const t = triage(incident, pack, inventory, { now });
  const base = { decision: t.decision.decision, confidence: t.decision.confidence, coordination: t.scores.coordination, attribution: t.scores.attribution };
  return t.decision.decision === "insufficient-evidence" ? { ...base, leans: t.decision.leans } : base;
}

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** One line: which way it leans, on what tally, and how sure. */
export function hintLine(l: Leaning): string {
  if (l.decision === "insufficient-evidence") {
    const way = l.leans && l.leans !== "none" ? `not enough to decide, leaning ${l.leans}` : "not enough to lean either way";
    return `so far: ${way} (coordination ${num(l.coordination)} · attribution ${num(l.attribution)})`;
  }
  const sure = l.confidence >= 0.8 ? "fairly sure" : l.confidence >= 0.65 ? "leaning" : "tentative";
  return `so far: ${l.decision}, ${sure} (confidence ${l.confidence.toFixed(2)} · coordination ${num(l.coordination)} · attribution ${num(l.attribution)})`;
}
