import type { Position } from "../load/sourceDoc.js";

/**
 * The JSON text with every string inside the values at `places` overwritten by `*`, each
 * keeping its length so that every other position in the file (a compact plan is one line)
 * still points where it did. For excerpts of a file whose secrets the reader knows by name,
 * whatever they look like: the detectors behind redactText only catch those that look like keys.
 */
export function maskJsonValues(text: string, places: readonly Position[]): string {
  if (places.length === 0) return text;
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  const chars = text.split("");
  for (const p of places) {
    const start = lineStarts[p.line - 1];
    if (start !== undefined) maskValueAt(chars, start + p.column - 1);
  }
  return chars.join("");
}

/** Walks one JSON value from `i` (a string, or an object or array with its nesting), masking its strings' contents. */
function maskValueAt(chars: string[], i: number): void {
  let depth = 0;
  for (; i < chars.length; i++) {
    const c = chars[i];
    if (c === '"') {
      for (i++; i < chars.length && chars[i] !== '"'; i++) {
        if (chars[i] === "\\") chars[i++] = "*";
        chars[i] = "*";
      }
      if (depth === 0) return;
    } else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      if (--depth <= 0) return;
    } else if (depth === 0 && (c === "," || c === "\n")) return;
  }
}
