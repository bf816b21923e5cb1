import { closest } from "../load/closest.js";
import type { CatalogEntry, RulePack } from "../load/rulePack.js";

export type RefLookup =
  | { kind: "entry"; entry: CatalogEntry }
  /** A NIST CSF 1.1 id: never a catalog key, but users still cite them. */
  | { kind: "csf11"; id: string; successors: readonly string[] }
  | { kind: "unknown"; id: string; suggestions: string[] };

/**
 * Finds a framework id as a user types it. Catalog ids are upper-case, so a lower-case
 * `asi03` is taken to mean ASI03 rather than sent to did-you-mean; a CSF 1.1 id is
 * matched as the loader's reference check matches it, with or without a leading zero.
 */
export function lookupRef(pack: Pick<RulePack, "catalog" | "crosswalk">, id: string): RefLookup {
  const exact = pack.catalog.get(id);
  if (exact) return { kind: "entry", entry: exact };
  const upper = id.toUpperCase();
  const folded = [...pack.catalog.values()].filter((e) => e.id.toUpperCase() === upper);
  if (folded.length === 1) return { kind: "entry", entry: folded[0]! };
  const csf11 = [upper, upper.replace(/-0(\d)$/, "-$1")];
  for (const [from, to] of pack.crosswalk) {
    if (csf11.includes(from.toUpperCase())) return { kind: "csf11", id: from, successors: to };
  }
  return { kind: "unknown", id, suggestions: closest(id, pack.catalog.keys()) };
}
