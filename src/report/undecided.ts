import { insufficiencyText } from "../engine/rationale.js";
import type { Decision } from "../engine/types.js";
import type { RulePack } from "../load/rulePack.js";

/** What an undecided triage shows beside its rationale: the lean, why, and the questions that would decide it. */
export interface UndecidedView {
  leans: string;
  why: string[];
  ask: Array<{ id: string; text: string }>;
}

export function undecidedView(d: Decision, pack: RulePack): UndecidedView | undefined {
  if (d.decision !== "insufficient-evidence") return undefined;
  return {
    leans: d.leans === "none" ? "neither way" : `to ${d.leans}`,
    why: d.why.map(insufficiencyText),
    ask: d.ask.map((id) => ({ id, text: pack.questions.find((q) => q.id === id)?.text ?? id })),
  };
}
