import type { InventoryIndex } from "../load/loadInventory.js";
import { compareStrings } from "./compare.js";
import { pushTo } from "./pushTo.js";

const built = new WeakMap<InventoryIndex, ReadonlyMap<string, readonly string[]>>();

/**
 * The steps (`workflow/step`) that act as each identity, sorted, so moving entries around
 * changes nothing. An agent's subject reads it to tell whether a workflow shares the agent's
 * identity; one pass over the steps per inventory, however many agents ask.
 */
export function stepsByIdentity(inventory: InventoryIndex): ReadonlyMap<string, readonly string[]> {
  let map = built.get(inventory);
  if (map) return map;
  const out = new Map<string, string[]>();
  for (const w of inventory.workflows.values()) {
    for (const step of w.steps ?? []) {
      if (step.identity !== undefined) pushTo(out, step.identity, `${w.id}/${step.id}`);
    }
  }
  for (const list of out.values()) list.sort(compareStrings);
  built.set(inventory, (map = out));
  return map;
}

/** What an agent's subject carries: the steps sharing its identity, or undefined when it names none. */
export function agentIdentitySteps(inventory: InventoryIndex, identity: string | undefined): readonly string[] | undefined {
  return identity === undefined ? undefined : (stepsByIdentity(inventory).get(identity) ?? []);
}
