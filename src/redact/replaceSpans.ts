import type { SecretSpan } from "./findSecrets.js";
import { marker } from "./marker.js";

/** `text` with each span (sorted, non-overlapping) replaced by its marker. */
export function replaceSpans(text: string, spans: readonly SecretSpan[]): string {
  let out = "";
  let last = 0;
  for (const s of spans) {
    out += text.slice(last, s.start) + marker(s.kind);
    last = s.end;
  }
  return out + text.slice(last);
}
