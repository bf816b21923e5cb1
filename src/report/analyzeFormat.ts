/** Output formats of `analyze`; kept apart from the formatters so the CLI can list them without loading any. */
export const ANALYZE_FORMATS = ["text", "json", "ndjson", "markdown", "sarif"] as const;
export type AnalyzeFormat = (typeof ANALYZE_FORMATS)[number];
/** The interview triages one incident that lives in no file, so SARIF has nowhere to point. */
export const INTERVIEW_FORMATS = ["text", "json", "ndjson", "markdown"] as const satisfies readonly AnalyzeFormat[];
