/**
 * Whether a condition holds: yes, no, or `unknown` when only a fact the inventory does not
 * record keeps it from being decided. Unknown is never folded into "no": a rule says in its
 * data what it does then (`whenUnknown`, `unknownSafe`).
 */
export type Truth = boolean | typeof UNKNOWN;
export const UNKNOWN = "unknown";
