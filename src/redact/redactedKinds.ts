import { MARKER_PATTERN, MARKER_PREFIX } from "./marker.js";

/** The kinds of the values already redacted in `text`, each once, in order of appearance. */
export function redactedKinds(text: string): string[] {
  if (!text.includes(MARKER_PREFIX)) return [];
  return [...new Set([...text.matchAll(MARKER_PATTERN)].map((m) => m[1]!))];
}
