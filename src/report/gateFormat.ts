/** Output formats of `gate`; kept apart from the formatters so the CLI can list them without loading any. */
export const GATE_FORMATS = ["text", "json", "sarif", "junit", "github", "markdown"] as const;
export type GateFormat = (typeof GATE_FORMATS)[number];
