/** Output formats of `analyze`; kept apart from the formatters so the CLI can list them without loading any. */
export const ANALYZE_FORMATS = ["text", "json", "ndjson", "markdown"] as const;
export type AnalyzeFormat = (typeof ANALYZE_FORMATS)[number];
