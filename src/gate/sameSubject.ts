import type { Subject } from "../engine/subject.js";

/** Structural equality of parsed inventory data (plain objects, arrays, scalars). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  // Counted rather than listed: this runs for every record of both inventories.
  let n = 0;
  for (const k in a) {
    n++;
    if (!Object.hasOwn(b, k) || !sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  for (const k in b) if (Object.hasOwn(b, k)) n--;
  return n === 0;
}

/**
 * Whether a subject reads the same records in both inventories. A rule sees only a
 * subject's records (its identity, workflow, step, agent) and the date, so such a subject
 * has the same findings in base and head and need not be evaluated twice. `memo` keeps
 * each pair of records compared once (a workflow is shared by its steps).
 */
export function sameSubject(head: Subject, base: Subject, memo: Map<object, boolean>): boolean {
  return same(head.identity, base.identity, memo) && same(head.workflow, base.workflow, memo) && same(head.step, base.step, memo) && same(head.agent, base.agent, memo);
}

function same(h: { id: string } | undefined, b: { id: string } | undefined, memo: Map<object, boolean>): boolean {
  if (h === undefined || b === undefined) return h === b;
  // Records are paired by id; a different id (a step moved to another identity) differs.
  if (h.id !== b.id) return false;
  let known = memo.get(h);
  if (known === undefined) memo.set(h, (known = sameData(h, b)));
  return known;
}
