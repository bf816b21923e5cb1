import type { RulePack } from "../load/rulePack.js";
import type { Layer } from "../load/schema/rules.js";
import { groupRefs } from "./groupRefs.js";
import type { Decision, Finding, PlanStep } from "./types.js";

interface Need {
  control: string;
  because: Set<string>;
  subjects: Set<string>;
  refs: Set<string>;
  weight: number;
  rank: number;
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
  const needs = new Map<string, Need>();
  const countedRule = new Map<string, Set<string>>();
  const need = (id: string): Need => {
    let n = needs.get(id);
    if (!n) {
      const c = pack.controls.get(id)!;
      n = { control: id, because: new Set(), subjects: new Set(), refs: new Set(c.refs), weight: 0, rank: layerRank(c.layer, decision) };
      needs.set(id, n);
      countedRule.set(id, new Set());
    }
    return n;
  };
  for (const f of findings) {
    for (const id of f.controls) {
      const n = need(id);
      n.because.add(f.rule);
      if (!f.subject.startsWith("incident:")) n.subjects.add(f.subject);
      f.refs.forEach((r) => n.refs.add(r));
      const counted = countedRule.get(id)!;
      if (!counted.has(f.rule)) {
        counted.add(f.rule);
        n.weight += f.weight;
      }
    }
  }
  // Pull in prerequisites; they inherit the urgency of what needs them.
  const queue = [...needs.keys()];
  while (queue.length) {
    const id = queue.shift()!;
    const n = needs.get(id)!;
    for (const req of pack.controls.get(id)!.requires ?? []) {
      const isNew = !needs.has(req);
      const r = need(req);
      const before = [r.rank, r.weight];
      r.rank = Math.min(r.rank, n.rank);
      r.weight = Math.max(r.weight, n.weight);
      if (isNew || before[0] !== r.rank || before[1] !== r.weight) queue.push(req);
    }
  }

  const order = topologicalOrder(needs, pack);
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
      refs: groupRefs(n.refs, pack.catalog),
    };
  });
  return { contain: steps.filter((s) => s.layer === "containment"), plan: steps };
}

function topologicalOrder(needs: ReadonlyMap<string, Need>, pack: RulePack): string[] {
  const key = (id: string) => needs.get(id)!;
  const better = (a: string, b: string) => key(a).rank - key(b).rank || key(b).weight - key(a).weight || a.localeCompare(b);
  const pending = new Map([...needs.keys()].map((id) => [id, (pack.controls.get(id)!.requires ?? []).filter((r) => needs.has(r)).length]));
  const dependents = new Map<string, string[]>();
  for (const id of needs.keys()) {
    for (const r of pack.controls.get(id)!.requires ?? []) if (needs.has(r)) dependents.set(r, [...(dependents.get(r) ?? []), id]);
  }
  const out: string[] = [];
  const ready = [...pending.entries()].filter(([, n]) => n === 0).map(([id]) => id);
  while (ready.length) {
    ready.sort(better);
    const id = ready.shift()!;
    out.push(id);
    for (const d of dependents.get(id) ?? []) {
      const left = pending.get(d)! - 1;
      pending.set(d, left);
      if (left === 0) ready.push(d);
    }
  }
  // Cycles are rejected when the pack loads, so every control is placed.
  return out;
}
