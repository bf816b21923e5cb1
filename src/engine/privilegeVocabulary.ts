import type { PrivilegeClass } from "../load/schema/privileges.js";

/** The broad-privilege classes of every pack, indexed for a lookup per privilege. */
export interface PrivilegeVocabulary {
  /** Lower-cased whole privilege → the class it belongs to. */
  whole: ReadonlyMap<string, string>;
  /** Lower-cased last part → the class it belongs to. */
  last: ReadonlyMap<string, string>;
}

export function privilegeVocabulary(classes: readonly PrivilegeClass[]): PrivilegeVocabulary {
  const whole = new Map<string, string>();
  const last = new Map<string, string>();
  // The first class to name a privilege keeps it, so the built-in pack's wording stays.
  for (const c of classes) {
    for (const p of c.privileges ?? []) if (!whole.has(p.toLowerCase())) whole.set(p.toLowerCase(), c.id);
    for (const n of c.names ?? []) if (!last.has(n.toLowerCase())) last.set(n.toLowerCase(), c.id);
  }
  return { whole, last };
}

/** The class that makes a privilege broad, or undefined when none does. */
export function broadClassOf(privilege: string, vocabulary: PrivilegeVocabulary): string | undefined {
  const at = privilege.lastIndexOf("@");
  const bare = (at > 0 ? privilege.slice(0, at) : privilege).toLowerCase();
  const byWhole = vocabulary.whole.get(bare);
  if (byWhole) return byWhole;
  const tail = bare.slice(Math.max(bare.lastIndexOf(":"), bare.lastIndexOf("/"), bare.lastIndexOf(".")) + 1);
  return vocabulary.last.get(tail) ?? (bare.startsWith("*") ? vocabulary.last.get("*") : undefined);
}
