import { compareStrings } from "../engine/compare.js";
import { API_VERSION } from "../load/schema/common.js";
import type { Identity, Inventory } from "../load/schema/inventory.js";
import type { Discovered } from "./sourceReader.js";

/** A more specific kind wins over the generic one a plain `secrets.X` use gives. */
const SPECIFIC: ReadonlyArray<Identity["kind"]> = ["service-account", "oauth-client"];

/**
 * The inventory of everything discovered, in a fixed order (ids sorted), so that two runs
 * over the same files give the same bytes. An identity found in several places keeps its
 * first source (files are read in sorted order).
 */
export function discoverInventory(mapped: readonly Discovered[]): Inventory {
  const identities = new Map<string, Identity>();
  for (const m of mapped) {
    for (const i of m.identities) {
      const first = identities.get(i.id);
      if (!first) identities.set(i.id, i);
      else if (!SPECIFIC.includes(first.kind) && SPECIFIC.includes(i.kind)) identities.set(i.id, { ...first, kind: i.kind });
    }
  }
  const workflows = mapped.flatMap((m) => m.workflows).sort((a, b) => compareStrings(a.id, b.id));
  return {
    apiVersion: API_VERSION,
    kind: "Inventory",
    identities: [...identities.values()].sort((a, b) => compareStrings(a.id, b.id)),
    workflows,
  };
}
