import { effectiveWeight } from "./classify.js";
import { briefEvidence } from "./symptomFact.js";
import type { Decision, Finding, PlanStep, Scores } from "./types.js";
import { compareStrings } from "./compare.js";

const FAILURE_POINT = {
  orchestration: "which system acts next, in what order, under which business rule",
  identity: "which workload, token, agent or account is allowed to do this at all",
} as const;

function strongest(findings: readonly Finding[], defects: readonly Finding["defect"][], n: number): string {
  const seen = new Set<string>();
  const picked: string[] = [];
  for (const f of [...findings].sort((a, b) => effectiveWeight(b) - effectiveWeight(a) || compareStrings(a.rule, b.rule))) {
    if (!defects.includes(f.defect) || seen.has(f.rule)) continue;
    seen.add(f.rule);
    const ev = f.evidence.slice(0, 2).map(briefEvidence).join("; ");
    picked.push(ev ? `${f.title} (${ev})` : f.title);
    if (picked.length === n) break;
  }
  return picked.join("; ");
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** One paragraph that says what was decided, on which evidence, and what to do first. */
export function rationale(decision: Decision, scores: Scores, findings: readonly Finding[], plan: readonly PlanStep[], active: boolean): string {
  const parts: string[] = [];
  const { coordination: c, attribution: a, boundary: b } = scores;
  const tally = `coordination ${fmt(c)}, attribution ${fmt(a)}${b ? `, boundary ${fmt(b)}` : ""}`;
  const first = plan.find((s) => s.layer !== "containment" && s.because.length > 0);
  const contain = plan.filter((s) => s.layer === "containment");
  switch (decision.decision) {
    case "orchestration-first":
    case "identity-first": {
      const lead = decision.lead;
      const other = lead === "orchestration" ? "identity" : "orchestration";
      const leadDefect = lead === "orchestration" ? "coordination" : "attribution";
      const otherDefect = lead === "orchestration" ? "attribution" : "coordination";
      parts.push(`The evidence leans to ${leadDefect} (${tally}): the failure point is ${FAILURE_POINT[lead]}.`);
      parts.push(`Strongest evidence: ${strongest(findings, [leadDefect], 3)}.`);
      const weaker = strongest(findings, [otherDefect, "boundary"], 2);
      parts.push(weaker ? `Weaker ${otherDefect} evidence: ${weaker}; converge on ${other} controls after the first fix.` : `No ${otherDefect} rule fired.`);
      break;
    }
    case "both":
      if (decision.reason === "boundary") {
        parts.push(`The orchestration/identity boundary is blurred (${tally}): ${strongest(findings, ["boundary"], 2)}. Assess both layers together rather than fixing one and trusting the other.`);
      } else {
        parts.push(`Neither layer clearly leads (${tally}). Coordination: ${strongest(findings, ["coordination"], 2)}. Attribution: ${strongest(findings, ["attribution"], 2)}. Fix both, starting with the control that answers the most evidence.`);
      }
      break;
    case "insufficient-evidence": {
      const seen = strongest(findings, ["coordination", "attribution", "boundary"], 3);
      parts.push(
        seen
          ? `Too little evidence to choose a layer (${tally}): only ${seen}.`
          : "No rule fired: the incident names no known symptom and no affected identity, workflow or agent with a risky posture.",
      );
      parts.push("Declare symptoms (see rules/symptoms.yaml) or name the affected identities, workflows and agents from an inventory.");
      break;
    }
  }
  if (contain.length) {
    parts.push(`${active ? "The compromise is active" : "A secret has leaked"}: contain first (${contain.map((s) => s.title.toLowerCase()).join("; ")}).`);
  }
  if (first && decision.decision !== "insufficient-evidence") {
    const before = plan.filter((s) => s.order < first.order && s.layer !== "containment").map((s) => s.title.toLowerCase());
    parts.push(`First control: ${first.title}${before.length ? ` (after its prerequisites: ${before.join("; ")})` : ""}.`);
  }
  return parts.join(" ");
}
