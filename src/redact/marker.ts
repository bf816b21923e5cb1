/**
 * What a redacted value becomes: `REDACTED(aws-access-key)`. Letters, digits, hyphens and
 * parentheses only, so no output format (JSON, XML, Markdown tables, GitHub workflow
 * commands, SARIF) has to escape it and it reads the same everywhere.
 */
export const MARKER_PREFIX = "REDACTED(";

export const MARKER_PATTERN = /REDACTED\(([a-z0-9-]{1,40})\)/g;

export function marker(kind: string): string {
  return `${MARKER_PREFIX}${kind})`;
}
