import type { CatalogEntry } from "../load/rulePack.js";
import type { RefGroups } from "./types.js";
import { compareStrings } from "./compare.js";

/** Splits references by framework group, deduplicated, in catalog order. */
export function groupRefs(refs: Iterable<string>, catalog: ReadonlyMap<string, CatalogEntry>): RefGroups {
  const groups: RefGroups = { owaspNhi: [], nistCsf: [], maestro: [], other: [] };
  const sorted = [...new Set(refs)].sort((a, b) => (catalog.get(a)?.order ?? Infinity) - (catalog.get(b)?.order ?? Infinity) || compareStrings(a, b));
  for (const ref of sorted) groups[catalog.get(ref)?.group ?? "other"].push(ref);
  return groups;
}
