/** Output formats of `refs`; kept apart from the formatters so the CLI can list them without loading any. */
export const REFS_FORMATS = ["text", "json"] as const;
export type RefsFormat = (typeof REFS_FORMATS)[number];
