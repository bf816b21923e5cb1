import { findSecrets } from "./findSecrets.js";
import { replaceSpans } from "./replaceSpans.js";

/** `text` with every credential-like value replaced by its marker, e.g. `REDACTED(github-token)`. */
export function redactText(text: string): string {
  const spans = findSecrets(text);
  return spans.length === 0 ? text : replaceSpans(text, spans);
}
