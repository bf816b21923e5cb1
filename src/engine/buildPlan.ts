import type { RulePack } from "../load/rulePack.js";
import type { Layer } from "../load/schema/rules.js";
import { effectiveWeight } from "./classify.js";
import { groupRefs } from "./groupRefs.js";
import type { Decision, Finding, PlanStep } from "./types.js";
import { compareStrings } from "./compare.js";

interface Need {
  control: string;
  because: Set<string>;
  subjects: Set<string>;
  /** Weight of the findings it answers. */
  weight: number;
  /** Of that, the weight of findings that name the failure point. */
  leadWeight: number;
  rank: number;
}

/** Which findings name the failure point, and so which controls go first within a layer. */
function failurePointDefects(decision: Decision): readonly string[] {
  switch (decision.decision) {
    case "orchestration-first":
      return ["coordination", "boundary"];
    case "identity-first":
      return ["attribution", "boundary"];
    case "both":
      return decision.reason === "boundary" ? ["boundary"] : [];
    default:
      return [];
  }
}

function layerRank(layer: Layer, decision: Decision): number {
  if (layer === "containment") return 0;
  if (decision.decision === "orchestration-first" || decision.decision === "identity-first") {
    return layer === decision.lead ? 1 : 2;
  }
  return 1;
}

/**
 * Containment first (it is there only when a rule calls for it: an active compromise or a
 * leaked secret), then the controls of the leading layer, then the other layer; inside a
 * layer, the control answering the most weight first. Prerequisites always come before the
 * controls that need them, and are pulled into the plan when no finding names them.
 */
export function buildPlan(findings: readonly Finding[], decision: Decision, pack: RulePack): { contain: PlanStep[]; plan: PlanStep[] } {
  const pointDefects = failurePointDefects(decision);
  const needs = new Map<string, Need>();
  const need = (id: string): Need => {
    let n = needs.get(id);
    if (!n) {
      const c = pack.controls.get(id)!;
      n = { control: id, because: new Set(), subjects: new Set(), weight: 0, leadWeight: 0, rank: layerRank(c.layer, decision) };
      needs.set(id, n);
    }
    return n;
  };
  for (const f of findings) {
    for (const id of f.controls) {
      const n = need(id);
      if (!f.subject.startsWith("incident:")) n.subjects.add(f.subject);
      // A rule counts once per control, however many subjects it fired on.
      if (n.because.has(f.rule)) continue;
      n.because.add(f.rule);
      n.weight += effectiveWeight(f, pack.decision);
      if (pointDefects.includes(f.defect)) n.leadWeight += effectiveWeight(f, pack.decision);
    }
  }
  // Pull in prerequisites no finding names, transitively.
  const queue = [...needs.keys()];
  while (queue.length) {
    for (const req of pack.controls.get(queue.shift()!)!.requires ?? []) {
      if (!needs.has(req)) queue.push(need(req).control);
    }
  }

  const order = sequence(needs, pack);
  const steps = order.map((id, i): PlanStep => {
    const c = pack.controls.get(id)!;
    const n = needs.get(id)!;
    return {
      order: i + 1,
      control: id,
      layer: c.layer,
      title: c.title,
      what: c.what,
      because: [...n.because].sort(),
      after: (c.requires ?? []).filter((r) => needs.has(r)).sort(),
      subjects: [...n.subjects].sort(),
      refs: groupRefs(c.refs, pack.catalog),
    };
  });
  return { contain: steps.filter((s) => s.layer === "containment"), plan: steps };
}

/**
 * The controls findings call for, most urgent first (layer, then weight on the failure
 * point, then all weight), each preceded by whatever it requires that is not placed yet.
 */
function sequence(needs: ReadonlyMap<string, Need>, pack: RulePack): string[] {
  const urgency = (a: Need, b: Need) => a.rank - b.rank || b.leadWeight - a.leadWeight || b.weight - a.weight || compareStrings(a.control, b.control);
  const placed = new Set<string>();
  const out: string[] = [];
  const place = (id: string) => {
    if (placed.has(id)) return;
    placed.add(id);
    const reqs = (pack.controls.get(id)!.requires ?? []).filter((r) => needs.has(r)).map((r) => needs.get(r)!).sort(urgency);
    for (const r of reqs) place(r.control);
    out.push(id);
  };
  const called = [...needs.values()].filter((n) => n.because.size > 0).sort(urgency);
  for (const n of called) place(n.control);
  // Cycles are rejected when the pack loads, so every control is placed.
  return out;
}
