import type { PrivilegeClass } from "../load/schema/privileges.js";

/** The broad-privilege classes of every pack, indexed for a lookup per privilege. */
export interface PrivilegeVocabulary {
  /** Lower-cased whole privilege → the class it belongs to. */
  whole: ReadonlyMap<string, string>;
  /** Lower-cased last part → the class it belongs to. */
  last: ReadonlyMap<string, string>;
  /** Lower-cased endings of the last part, with their class, longest first. */
  endings: ReadonlyArray<readonly [string, string]>;
  /** Lower-cased parts that make any privilege holding them broad. */
  parts: ReadonlyMap<string, string>;
}

export function privilegeVocabulary(classes: readonly PrivilegeClass[]): PrivilegeVocabulary {
  const whole = new Map<string, string>();
  const last = new Map<string, string>();
  const endings: Array<[string, string]> = [];
  const parts = new Map<string, string>();
  // The first class to name a privilege keeps it, so the built-in pack's wording stays.
  for (const c of classes) {
    for (const p of c.privileges ?? []) if (!whole.has(p.toLowerCase())) whole.set(p.toLowerCase(), c.id);
    for (const n of c.names ?? []) if (!last.has(n.toLowerCase())) last.set(n.toLowerCase(), c.id);
    for (const e of c.endings ?? []) endings.push([e.toLowerCase(), c.id]);
    for (const p of c.parts ?? []) if (!parts.has(p.toLowerCase())) parts.set(p.toLowerCase(), c.id);
  }
  endings.sort((a, b) => b[0].length - a[0].length);
  return { whole, last, endings, parts };
}

/** The class that makes a privilege broad, or undefined when none does. */
export function broadClassOf(privilege: string, vocabulary: PrivilegeVocabulary): string | undefined {
  const at = privilege.lastIndexOf("@");
  const bare = (at > 0 ? privilege.slice(0, at) : privilege).toLowerCase();
  const byWhole = vocabulary.whole.get(bare);
  if (byWhole) return byWhole;
  const all = bare.split(/[:/.]/);
  const tail = all.at(-1)!;
  const byName = vocabulary.last.get(tail) ?? vocabulary.endings.find(([e]) => tail.endsWith(e))?.[1];
  if (byName) return byName;
  for (const p of all) {
    const byPart = vocabulary.parts.get(p) ?? (p.startsWith("*") ? vocabulary.parts.get("*") : undefined);
    if (byPart) return byPart;
  }
  return undefined;
}
