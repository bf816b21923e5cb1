/**
 * How every format flags an unknown finding, after the rule's own words for it: a reader
 * must never take "the inventory does not say" for "seen".
 */
export function unknownMark(f: { unknown?: readonly string[] }): string {
  return f.unknown ? " (unknown)" : "";
}
