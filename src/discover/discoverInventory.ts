import { compareStrings } from "../engine/compare.js";
import { API_VERSION } from "../load/schema/common.js";
import { Identity, type Inventory } from "../load/schema/inventory.js";
import type { Discovered } from "./sourceReader.js";

/** A more specific kind wins over the generic one a plain `secrets.X` use gives. */
const SPECIFIC: ReadonlyArray<Identity["kind"]> = ["service-account", "oauth-client"];

/**
 * The inventory of everything discovered, in a fixed order (ids sorted), so that two runs
 * over the same files give the same bytes. An identity found in several places keeps its
 * first source (readers in their order, files in sorted order) and each field it first had.
 */
export function discoverInventory(mapped: readonly Discovered[]): Inventory {
  const identities = new Map<string, Identity>();
  for (const m of mapped) {
    for (const i of m.identities) {
      const first = identities.get(i.id);
      identities.set(i.id, first ? merged(first, i) : i);
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

/**
 * One identity from two sources: an AWS user's credential comes from the credential report,
 * its privileges from the authorization-details export. The first source's fields stand;
 * the later one fills those it lacks, and both keep what they observed.
 */
function merged(first: Identity, later: Identity): Identity {
  const kind = !SPECIFIC.includes(first.kind) && SPECIFIC.includes(later.kind) ? later.kind : first.kind;
  const elsewhere = later.source && later.source.file !== first.source?.file ? later.source.file : undefined;
  const observed = [...(first.observed ?? []), ...(later.observed ?? []).map((o) => (elsewhere && !o.file ? { ...o, file: elsewhere } : o))];
  const out: Record<string, unknown> = {};
  // In the schema's field order, as a single source would write them.
  for (const key of Object.keys(Identity.shape) as Array<keyof Identity>) {
    const value = key === "kind" ? kind : key === "observed" ? (observed.length ? observed : undefined) : (first[key] ?? later[key]);
    if (value !== undefined) out[key] = value;
  }
  return out as Identity;
}
