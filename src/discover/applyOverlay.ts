import type { Identity, Inventory, Step, Workflow } from "../load/schema/inventory.js";
import type { OverlayFile } from "../load/schema/overlay.js";

/** An overlay entry that names no discovered entry: a renamed job, a deleted key, a typo. */
export interface UnmatchedOverlay {
  /** Where the entry is in the overlay document. */
  path: Array<string | number>;
  what: "identity" | "workflow" | "step";
  id: string;
  /** The workflow a step was looked for in. */
  workflow?: string;
}

/**
 * The discovered inventory with what people know laid over it, by id: an overlay field
 * replaces the discovered one (people know the environments a key is really used in), and
 * the fields it may hold are only those no source states (see schema/overlay.ts).
 */
export function applyOverlay(inventory: Inventory, overlay: OverlayFile): { inventory: Inventory; unmatched: UnmatchedOverlay[] } {
  const unmatched: UnmatchedOverlay[] = [];
  const identities = new Map((inventory.identities ?? []).map((i) => [i.id, i]));
  overlay.identities?.forEach((o, i) => {
    const found = identities.get(o.id);
    if (found) identities.set(o.id, { ...found, ...o } as Identity);
    else unmatched.push({ path: ["identities", i, "id"], what: "identity", id: o.id });
  });
  const workflows = new Map((inventory.workflows ?? []).map((w) => [w.id, w]));
  overlay.workflows?.forEach((o, i) => {
    const found = workflows.get(o.id);
    if (!found) {
      unmatched.push({ path: ["workflows", i, "id"], what: "workflow", id: o.id });
      return;
    }
    const { steps: overSteps, ...fields } = o;
    const steps = new Map((found.steps ?? []).map((s) => [s.id, s]));
    overSteps?.forEach((s, k) => {
      const step = steps.get(s.id);
      if (step) steps.set(s.id, { ...step, ...s } as Step);
      else unmatched.push({ path: ["workflows", i, "steps", k, "id"], what: "step", id: s.id, workflow: o.id });
    });
    workflows.set(o.id, { ...found, ...fields, ...(found.steps ? { steps: [...steps.values()] } : {}) } as Workflow);
  });
  return { inventory: { ...inventory, identities: [...identities.values()], workflows: [...workflows.values()] }, unmatched };
}
