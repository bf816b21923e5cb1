import { inventorySubjects, type SubjectRecords } from "../engine/buildSubjects.js";
import type { Subject } from "../engine/subject.js";
import type { InventoryIndex } from "../load/loadInventory.js";
import { sameData } from "./sameData.js";
import { stepsByIdentity } from "../engine/stepsByIdentity.js";

export interface Changed {
  /** Head subjects absent from the base or reading different records there, in head order. */
  head: Subject[];
  /** Base subjects absent from the head or reading different records there, in base order. */
  base: Subject[];
  /** Refs of `head`: a head finding on any other subject is also a base finding. */
  headRefs: Set<string>;
}

/** How far ahead to look for a record's partner when one side inserted or removed entries. */
const WINDOW = 64;

/**
 * The records of one list (identities, workflows or agents) that differ between head and
 * base or have no partner there, paired by id. A pull request changes few entries of
 * many, in file order, so the lists are walked side by side and an id is looked up in a
 * table only for the few records the walk could not pair (inserted, removed or moved).
 * Ids are unique in a loaded inventory, so this pairs exactly what a table of every id would.
 */
function changedRecords<T extends { id: string }>(head: readonly T[], base: readonly T[]): { head: Set<T>; base: Set<T> } {
  const changed = { head: new Set<T>(), base: new Set<T>() };
  const leftHead: T[] = [];
  const leftBase: T[] = [];
  const compare = (h: T, b: T) => {
    if (sameData(h, b)) return;
    changed.head.add(h);
    changed.base.add(b);
  };
  const ahead = (list: readonly T[], from: number, id: string) => {
    const end = Math.min(list.length, from + WINDOW);
    for (let k = from; k < end; k++) if (list[k]!.id === id) return k;
    return -1;
  };
  let i = 0;
  let j = 0;
  while (i < head.length && j < base.length) {
    const h = head[i]!;
    const b = base[j]!;
    if (h.id === b.id) {
      compare(h, b);
      i++;
      j++;
      continue;
    }
    const inBase = ahead(base, j + 1, h.id);
    const inHead = inBase === -1 ? ahead(head, i + 1, b.id) : -1;
    if (inBase !== -1) for (; j < inBase; j++) leftBase.push(base[j]!);
    else if (inHead !== -1) for (; i < inHead; i++) leftHead.push(head[i]!);
    else {
      leftHead.push(h);
      leftBase.push(b);
      i++;
      j++;
    }
  }
  for (; i < head.length; i++) leftHead.push(head[i]!);
  for (; j < base.length; j++) leftBase.push(base[j]!);
  const baseById = new Map(leftBase.map((b) => [b.id, b]));
  for (const h of leftHead) {
    const b = baseById.get(h.id);
    if (b === undefined) changed.head.add(h);
    else {
      baseById.delete(h.id);
      compare(h, b);
    }
  }
  for (const b of baseById.values()) changed.base.add(b);
  return changed;
}

/**
 * The subjects whose findings can differ between base and head. A rule sees only a
 * subject's records (identity, workflow with its steps, agent; for an agent, also the steps
 * acting as its identity) and the date, so a subject whose records are all the same on both
 * sides has the same findings there. Records are
 * compared once each, not once per subject that reads them, and base subjects are built
 * only for what changed: the base of a 100k inventory costs a second parse and little more.
 */
export function changedSubjects(head: InventoryIndex, base: InventoryIndex, headSubjects: readonly Subject[]): Changed {
  const identities = changedRecords([...head.identities.values()], [...base.identities.values()]);
  const workflows = changedRecords([...head.workflows.values()], [...base.workflows.values()]);
  const agents = changedRecords([...head.agents.values()], [...base.agents.values()]);
  // An agent also reads which steps act as its identity, which only a changed workflow can
  // change: only for the identities such a workflow's steps name are the two lists compared.
  const stepIdentities = new Set<string>();
  for (const w of [...workflows.head, ...workflows.base]) for (const step of w.steps ?? []) if (step.identity !== undefined) stepIdentities.add(step.identity);
  const moved = new Map<string, boolean>();
  const stepsMoved = (id: string | undefined): boolean => {
    if (id === undefined || !stepIdentities.has(id)) return false;
    let m = moved.get(id);
    if (m === undefined) moved.set(id, (m = !sameData(stepsByIdentity(head).get(id) ?? [], stepsByIdentity(base).get(id) ?? [])));
    return m;
  };
  // A workflow's comparison covers its steps; a step or agent also reads the identity it acts as.
  const changedOn =
    (side: "head" | "base") =>
    (s: SubjectRecords): boolean => {
      const identity = s.identity !== undefined && identities[side].has(s.identity);
      switch (s.kind) {
        case "identity":
          return identity;
        case "workflow":
          return workflows[side].has(s.workflow!);
        case "step":
          return workflows[side].has(s.workflow!) || identity;
        case "agent":
          return agents[side].has(s.agent!) || identity || stepsMoved(s.agent!.identity);
        default:
          return true;
      }
    };
  const changedHead = headSubjects.filter(changedOn("head"));
  return { head: changedHead, base: inventorySubjects(base, changedOn("base")), headRefs: new Set(changedHead.map((s) => s.ref)) };
}
