import { DECISIONS, type DecisionKind, type Triage } from "./types.js";
import { compareStrings } from "./compare.js";

export interface Portfolio {
  incidents: number;
  decisions: Record<DecisionKind, number>;
  containFirst: number;
  /** Controls that two or more incidents' plans include, most first. */
  recurringControls: Array<{ control: string; title: string; incidents: number }>;
  /** The control that most often comes first once containment is done. */
  suggestedFirst?: { control: string; title: string; firstIn: number };
}

export function portfolio(results: readonly Triage[], top = 5): Portfolio {
  const decisions = Object.fromEntries(DECISIONS.map((d) => [d, 0])) as Record<DecisionKind, number>;
  const recurring = new Map<string, { title: string; incidents: number; weight: number }>();
  const firsts = new Map<string, { title: string; count: number }>();
  let containFirst = 0;
  for (const r of results) {
    decisions[r.decision.decision]++;
    if (r.contain.length) containFirst++;
    for (const step of r.plan) {
      if (step.layer === "containment") continue;
      const e = recurring.get(step.control) ?? { title: step.title, incidents: 0, weight: 0 };
      e.incidents++;
      recurring.set(step.control, e);
    }
    const first = r.plan.find((s) => s.layer !== "containment" && s.because.length > 0);
    if (first && r.decision.decision !== "insufficient-evidence") {
      const e = firsts.get(first.control) ?? { title: first.title, count: 0 };
      e.count++;
      firsts.set(first.control, e);
    }
  }
  const recurringControls = [...recurring.entries()]
    .filter(([, e]) => e.incidents >= 2)
    .sort((a, b) => b[1].incidents - a[1].incidents || compareStrings(a[0], b[0]))
    .slice(0, top)
    .map(([control, e]) => ({ control, title: e.title, incidents: e.incidents }));
  const best = [...firsts.entries()].sort(
    (a, b) => b[1].count - a[1].count || (recurring.get(b[0])?.incidents ?? 0) - (recurring.get(a[0])?.incidents ?? 0) || compareStrings(a[0], b[0]),
  )[0];
  return {
    incidents: results.length,
    decisions,
    containFirst,
    recurringControls,
    ...(best ? { suggestedFirst: { control: best[0], title: best[1].title, firstIn: best[1].count } } : {}),
  };
}
