import { MARKER_PREFIX } from "./marker.js";

export type EntryPath = Array<string | number>;

/**
 * Whether any string in the entry holds a marker: asked of every entry of an inventory by
 * the secretValueInFile facts, so it allocates nothing.
 */
export function holdsMarker(entry: unknown, skip?: ReadonlySet<string>): boolean {
  if (typeof entry === "string") return entry.includes(MARKER_PREFIX);
  if (entry === null || typeof entry !== "object") return false;
  if (Array.isArray(entry)) {
    for (let i = 0; i < entry.length; i++) if (holdsMarker(entry[i])) return true;
    return false;
  }
  for (const key in entry) {
    if (skip?.has(key)) continue;
    if (holdsMarker((entry as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/**
 * Where, inside an inventory entry, the first value that was redacted sits (a string holding
 * a marker), or undefined when none was. `skip` leaves out fields that are entries of their
 * own (a workflow's steps). Entries are small and validated, so plain recursion is fine.
 */
function redactedPath(entry: unknown, skip?: ReadonlySet<string>): EntryPath | undefined {
  if (typeof entry === "string") return entry.includes(MARKER_PREFIX) ? [] : undefined;
  if (entry === null || typeof entry !== "object") return undefined;
  const keys: Array<string | number> = Array.isArray(entry) ? [...entry.keys()] : Object.keys(entry);
  for (const key of keys) {
    if (skip?.has(String(key))) continue;
    const inner = redactedPath((entry as Record<string | number, unknown>)[key]);
    if (inner) return [key, ...inner];
  }
  return undefined;
}

/** The same, for the entry at `path` inside a whole document's data. */
export function redactedPathAt(data: unknown, path: ReadonlyArray<string | number>, skip?: ReadonlySet<string>): EntryPath | undefined {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return redactedPath(v, skip);
}
