import { effectiveWeight } from "./classify.js";
import { briefText } from "./evidence.js";
import type { RulePack } from "../load/rulePack.js";
import type { Decision, Finding, Insufficiency, PlanStep, Scores } from "./types.js";
import { compareStrings } from "./compare.js";

const FAILURE_POINT = {
  orchestration: "which system acts next, in what order, under which business rule",
  identity: "which workload, token, agent or account is allowed to do this at all",
} as const;

function strongest(findings: readonly Finding[], defects: readonly Finding["defect"][], n: number, pack: RulePack): string {
  const seen = new Set<string>();
  const picked: string[] = [];
  for (const f of [...findings].sort((a, b) => effectiveWeight(b, pack.decision) - effectiveWeight(a, pack.decision) || compareStrings(a.rule, b.rule))) {
    if (!defects.includes(f.defect) || seen.has(f.rule)) continue;
    seen.add(f.rule);
    const ev = f.evidence.slice(0, 2).map(briefText).join("; ");
    picked.push(ev ? `${f.title} (${ev})` : f.title);
    if (picked.length === n) break;
  }
  return picked.join("; ");
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** One paragraph that says what was decided, on which evidence, and what to do first. */
export function rationale(decision: Decision, scores: Scores, findings: readonly Finding[], plan: readonly PlanStep[], active: boolean, pack: RulePack): string {
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
      parts.push(`Strongest evidence: ${strongest(findings, [leadDefect], 3, pack)}.`);
      const weaker = strongest(findings, [otherDefect, "boundary"], 2, pack);
      parts.push(weaker ? `Weaker ${otherDefect} evidence: ${weaker}; converge on ${other} controls after the first fix.` : `No ${otherDefect} rule fired.`);
      break;
    }
    case "both":
      if (decision.reason === "boundary") {
        parts.push(`The orchestration/identity boundary is blurred (${tally}): ${strongest(findings, ["boundary"], 2, pack)}. Assess both layers together rather than fixing one and trusting the other.`);
      } else {
        parts.push(`Neither layer clearly leads (${tally}). Coordination: ${strongest(findings, ["coordination"], 2, pack)}. Attribution: ${strongest(findings, ["attribution"], 2, pack)}. Fix both, starting with the control that answers the most evidence.`);
      }
      break;
    case "insufficient-evidence": {
      const seen = strongest(findings, ["coordination", "attribution", "boundary"], 3, pack);
      parts.push(
        seen
          ? `Too little evidence to choose a layer (${tally}): only ${seen}.`
          : "No rule fired: the incident names no known symptom and no affected identity, workflow or agent with a risky posture.",
      );
      const why = decision.why.filter((w) => w.reason !== "nothing-found").map(insufficiencyText);
      if (why.length) parts.push(`${why.join("; ").replace(/^./, (c) => c.toUpperCase())}.`);
      if (decision.leans !== "none") parts.push(`It leans to ${decision.leans}.`);
      parts.push(
        decision.ask.length
          ? `The questions that would decide it: ${decision.ask.join(", ")} (nhi-triage interview --from the ticket asks them).`
          : "Declare symptoms (see rules/symptoms.yaml) or name the affected identities, workflows and agents from an inventory.",
      );
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

export function insufficiencyText(w: Insufficiency): string {
  switch (w.reason) {
    case "nothing-found":
      return "nothing was detected";
    case "unknown-facts":
      return `${w.findings} finding${w.findings === 1 ? "" : "s"} could not be decided: the inventory does not record the facts they need`;
    case "too-little-weight":
      return `the leading side weighs ${fmt(w.weight)}, and choosing a layer needs ${fmt(w.needed)}`;
    case "posture-only":
      return "what there is describes weaknesses, not what happened";
    case "evenly-split":
      return "it is evenly split";
  }
}
