import { findSecrets, type SecretSpan } from "./findSecrets.js";
import { marker } from "./marker.js";
import { replaceSpans } from "./replaceSpans.js";

const PEM_BEGIN = /^-----BEGIN (?:[A-Z0-9]{1,16} ){0,4}PRIVATE KEY(?: BLOCK)?-----/;

/** Whether a line follows a private key's BEGIN line with no END line in between. */
function insidePrivateKey(before: string): boolean {
  const begin = before.lastIndexOf("-----BEGIN ");
  return begin >= 0 && PEM_BEGIN.test(before.slice(begin, begin + 100)) && !before.includes("-----END ", begin);
}

/**
 * One source line as an error excerpt may show it: credential-like values replaced by their
 * markers (and the whole of a line inside a private key block, given the text `before` it),
 * with the 1-based `column` moved so a caret still points at the same thing, or at the start
 * of the marker that replaced it.
 */
export function redactSourceLine(line: string, column: number, before = ""): { text: string; column: number } {
  let spans: SecretSpan[] = findSecrets(line);
  if (spans.length === 0 && line.trim() !== "" && insidePrivateKey(before)) {
    const start = line.length - line.trimStart().length;
    spans = [{ start, end: line.trimEnd().length, kind: "private-key" }];
  }
  if (spans.length === 0) return { text: line, column };
  const offset = column - 1;
  let shift = 0;
  let moved = offset;
  for (const s of spans) {
    if (offset < s.start) break;
    if (offset < s.end) {
      moved = s.start + shift;
      break;
    }
    shift += marker(s.kind).length - (s.end - s.start);
    moved = offset + shift;
  }
  return { text: replaceSpans(line, spans), column: column < 1 ? column : moved + 1 };
}
