import { isMap, isSeq, parseDocument, visit, type Document, type Node, type YAMLMap, type YAMLSeq } from "yaml";
import type { Inventory } from "../load/schema/inventory.js";
import { keepWrittenLines } from "./keepWrittenLines.js";

/** Fields a source states: refreshed from discovery, and dropped when discovery no longer finds them. */
const MACHINE = {
  identities: ["kind", "credential", "privileges", "lastUsed", "observed", "source"],
  workflows: ["engine", "credentialScope", "source"],
  steps: ["identity", "retries", "logs", "observed", "source"],
} as const;
type List = keyof typeof MACHINE;
/** Fields a source may also give, but a person may write too: refreshed when given, never dropped. */
const ALSO_GIVEN = { identities: ["environments"], workflows: ["stateIsolation", "steps"], steps: ["privileged", "approval"] } as const;

/** A discovered entry of the file that the sources no longer show, kept because a person wrote in it. */
export interface GoneEntry {
  path: Array<string | number>;
  what: "identity" | "workflow" | "step";
  id: string;
}

export interface UpdatedInventory {
  text: string;
  changed: boolean;
  /** Kept: they hold a field or a comment a person wrote. */
  kept: GoneEntry[];
  /** Removed: written by discover, nothing in them a person wrote. */
  removed: GoneEntry[];
}

const WHAT = { identities: "identity", workflows: "workflow", steps: "step" } as const;

/**
 * An existing inventory (already validated) with what the sources now say written into it:
 * each discovered entry's fields replace the file's where discovery gives them, a source
 * fact discovery no longer finds is dropped, new entries are appended, and every other
 * field and every comment stays as written. An entry discover wrote from a file outside the
 * paths searched this time (`covers`) is left alone: not searched is not gone. Unchanged, the text comes back byte for byte.
 */
export function updateInventory(text: string, discovered: Inventory, covers: (sourceFile: string) => boolean): UpdatedInventory {
  const doc = parseDocument(text, { keepSourceTokens: false });
  const printedBefore = doc.toString({ lineWidth: 0 });
  const out: UpdatedInventory = { text, changed: false, kept: [], removed: [] };
  const fresh = { identities: discovered.identities ?? [], workflows: discovered.workflows ?? [] };
  for (const list of ["identities", "workflows"] as const) {
    const found = mergeList(doc, doc.get(list, true) as Node | undefined, fresh[list] as ReadonlyArray<Record<string, unknown>>, list, [list], out, covers);
    if (found) doc.set(list, found);
  }
  if (out.changed) out.text = keepWrittenLines(text, printedBefore, doc.toString({ lineWidth: 0 }));
  return out;
}

/** Merges one list; returns a new node when the file had none and discovery found entries. */
function mergeList(
  doc: Document,
  node: Node | undefined,
  entries: ReadonlyArray<Record<string, unknown>>,
  list: List,
  path: Array<string | number>,
  out: UpdatedInventory,
  covers: (sourceFile: string) => boolean,
): Node | undefined {
  if (!isSeq(node)) {
    if (!entries.length) return undefined;
    out.changed = true;
    return doc.createNode(entries) as Node;
  }
  const seq = node as YAMLSeq;
  const byId = new Map(entries.map((e) => [e.id as string, e]));
  const seen = new Set<string>();
  // `i` walks the list as it shrinks; `at` is the entry's place in the file, for messages.
  for (let i = 0, at = 0; i < seq.items.length; i++, at++) {
    const item = seq.items[i];
    if (!isMap(item)) continue;
    const map = item as YAMLMap;
    const id = String(map.get("id"));
    const entry = byId.get(id);
    if (entry) {
      seen.add(id);
      mergeEntry(doc, map, entry, list, [...path, at], out, covers);
      continue;
    }
    const from = map.getIn(["source", "file"]);
    if (typeof from !== "string" || !covers(from)) continue;
    // Written by discover and no longer found: gone, unless a person wrote in it.
    const gone = { path: [...path, at, "id"], what: WHAT[list], id };
    if (writtenByPerson(map, list)) out.kept.push(gone);
    else {
      out.removed.push(gone);
      seq.items.splice(i--, 1);
      out.changed = true;
    }
  }
  for (const e of entries) {
    if (seen.has(e.id as string)) continue;
    seq.items.push(doc.createNode(e) as Node);
    out.changed = true;
  }
  return undefined;
}

function mergeEntry(doc: Document, map: YAMLMap, entry: Record<string, unknown>, list: List, path: Array<string | number>, out: UpdatedInventory, covers: (sourceFile: string) => boolean): void {
  for (const [key, value] of Object.entries(entry)) {
    if (key === "id") continue;
    if (key === "steps" && list === "workflows") {
      const made = mergeList(doc, map.get("steps", true) as Node | undefined, value as Array<Record<string, unknown>>, "steps", [...path, "steps"], out, covers);
      if (made) map.set("steps", made);
      continue;
    }
    const now = map.get(key, true) as Node | undefined;
    if (now !== undefined && sameValue(now.toJSON(), value)) continue;
    map.set(key, doc.createNode(value));
    out.changed = true;
  }
  for (const key of MACHINE[list]) {
    if (key in entry || !map.has(key)) continue;
    map.delete(key);
    out.changed = true;
  }
}

/** A field no source states, or a comment anywhere in the entry. */
function writtenByPerson(map: YAMLMap, list: List): boolean {
  const machine = new Set<string>(["id", ...MACHINE[list], ...ALSO_GIVEN[list]]);
  if (map.items.some((p) => !machine.has(String((p.key as { value?: unknown } | null)?.value ?? p.key)))) return true;
  let commented = false;
  visit(map, (_key, node) => {
    const n = node as { comment?: string | null; commentBefore?: string | null };
    if (n && (n.comment || n.commentBefore)) commented = true;
    return commented ? visit.BREAK : undefined;
  });
  if (commented) return true;
  const steps = map.get("steps", true);
  return isSeq(steps) && (steps as YAMLSeq).items.some((s) => isMap(s) && writtenByPerson(s as YAMLMap, "steps"));
}

/** Equal as data, whatever order a person wrote the keys in. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return sameValue(ka, kb) && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}
