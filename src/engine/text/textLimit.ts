import { lastStop } from "./lastStop.js";

/**
 * How much of an incident's text is read for symptoms. A ticket's story fits in a few
 * pages; past two million characters (about 300,000 words) it is pasted logs, and reading
 * them costs seconds per megabyte (wink-nlp reads ~200,000 tokens a second) for words that
 * repeat what came before. The rest is not read, and the command says so.
 */
export const TEXT_LIMIT = 2_000_000;

/**
 * Where a text is cut to the limit: after the last sentence end (or line break) before it,
 * so no sentence is read in part; a text with none is cut at the last space.
 */
export function readableEnd(text: string, limit = TEXT_LIMIT): number {
  if (text.length <= limit) return text.length;
  const head = text.slice(0, limit);
  const stop = Math.max(lastStop(head), head.lastIndexOf("\n"));
  if (stop > 0) return stop + 1;
  const space = head.lastIndexOf(" ");
  return space > 0 ? space : limit;
}
