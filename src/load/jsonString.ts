import { TextMapBuilder, type TextMap } from "./textMap.js";

const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/**
 * The JSON string literal whose opening quote is at `quote` in `text`, decoded, each
 * character mapped to its place in the file (an escape, `\n` or `\u00e9`, to its backslash).
 * Carriage returns are dropped: Windows line ends in an issue body are line ends.
 * Undefined when no string literal starts there.
 */
export function jsonString(text: string, quote: number): TextMap | undefined {
  if (text.charCodeAt(quote) !== 34) return undefined;
  const b = new TextMapBuilder(text);
  let run = quote + 1;
  for (let i = quote + 1; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      b.copy(text.slice(run, i), run);
      return b.build({ keep: true });
    }
    if (c !== 92) {
      i++;
      continue;
    }
    b.copy(text.slice(run, i), run);
    const e = text[i + 1] ?? "";
    if (e === "u") {
      const code = Number.parseInt(text.slice(i + 2, i + 6), 16);
      if (Number.isNaN(code)) return undefined;
      b.stand(String.fromCharCode(code), i);
      i += 6;
    } else {
      const decoded = ESCAPES[e];
      if (decoded === undefined) return undefined;
      if (decoded !== "\r") b.stand(decoded, i);
      i += 2;
    }
    run = i;
  }
  return undefined;
}
