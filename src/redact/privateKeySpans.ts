import type { SecretSpan } from "./findSecrets.js";

const BEGIN = /-----BEGIN (?:[A-Z0-9]{1,16} ){0,4}PRIVATE KEY(?: BLOCK)?-----/g;
const END = /-----END (?:[A-Z0-9]{1,16} ){0,4}PRIVATE KEY(?: BLOCK)?-----/g;
/** Far more than any key; a block without its END line within it is treated as cut off. */
const MAX_BODY = 64 * 1024;
const BODY_CHUNK = /^[A-Za-z0-9+/=]+$/;

/**
 * PEM private key blocks, from BEGIN to END. A block pasted without its END (or only its
 * first line) still counts, together with the base64 lines that follow it. The next END is
 * looked up at most once per position, so many headers without an END stay linear.
 */
export function privateKeySpans(text: string): SecretSpan[] {
  if (!text.includes("PRIVATE KEY")) return [];
  const out: SecretSpan[] = [];
  let end: RegExpExecArray | null | undefined;
  BEGIN.lastIndex = 0;
  for (let b = BEGIN.exec(text); b; b = BEGIN.exec(text)) {
    const from = b.index + b[0].length;
    if (end !== null && (end === undefined || end.index < from)) {
      END.lastIndex = from;
      end = END.exec(text);
    }
    const stop = end && end.index - from <= MAX_BODY ? end.index + end[0].length : bodyEnd(text, from);
    out.push({ start: b.index, end: stop, kind: "private-key" });
    BEGIN.lastIndex = Math.max(BEGIN.lastIndex, stop);
  }
  return out;
}

/** Where the base64 body after a header stops: at the first chunk that is not key material. */
function bodyEnd(text: string, from: number): number {
  let stop = from;
  let i = from;
  while (i < text.length && i - from <= MAX_BODY) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    let j = i;
    while (j < text.length && !/\s/.test(text[j]!)) j++;
    const chunk = text.slice(i, j);
    if (!chunk || !BODY_CHUNK.test(chunk) || (chunk.length < 16 && !chunk.endsWith("="))) break;
    stop = j;
    i = j;
  }
  return stop;
}
