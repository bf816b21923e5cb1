import { lastStop } from "./lastStop.js";

/** A stretch of text that no sentence crosses, with where it starts. */
export interface Block {
  start: number;
  text: string;
}

// Markdown structure opens a block and its marker is left out: a list marker or "1." read
// as words would end a sentence ("1." is a number and a full stop to a sentence splitter).
const MARKER = /^[ \t]*(?:#{1,6}[ \t]+|[-*+>][ \t]+|\d{1,3}[.)][ \t]+|\|)/;
const FENCE = /^[ \t]*(?:```|~~~)/;

/**
 * The text cut at its line structure, which a sentence splitter does not see: a blank line,
 * a heading, a list item or a table row starts a block, and so does a line that starts with
 * anything but a lower-case letter (a ticket's lines are mostly statements of their own;
 * a hard-wrapped sentence goes on in lower case).
 */
export function* blocks(text: string): Generator<Block> {
  let start = -1;
  let end = 0;
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf("\n", pos);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = text.slice(pos, lineEnd);
    const marker = MARKER.exec(line);
    const blank = line.trim() === "" || FENCE.test(line);
    const continues = !marker && !blank && start >= 0 && /^[ \t]*[a-z]/.test(line);
    if (!continues) {
      if (start >= 0) yield* pieces(start, text.slice(start, end));
      start = blank ? -1 : pos + (marker ? marker[0].length : 0);
    }
    end = lineEnd;
    if (nl < 0) break;
    pos = nl + 1;
  }
  if (start >= 0 && end > start) yield* pieces(start, text.slice(start, end));
}

/** The longest block wink-nlp is given at once: it holds every token of a document in memory. */
export const MAX_BLOCK = 65_536;

/**
 * A long block in pieces of at most MAX_BLOCK, each ending after a sentence's full stop
 * (or, with none, at a space), so a paragraph of megabytes never becomes one document.
 */
function* pieces(start: number, block: string): Generator<Block> {
  let from = 0;
  while (block.length - from > MAX_BLOCK) {
    const window = block.slice(from, from + MAX_BLOCK);
    const stop = lastStop(window);
    const space = window.lastIndexOf(" ");
    const cut = stop > 0 ? stop + 2 : space > 0 ? space + 1 : MAX_BLOCK;
    yield { start: start + from, text: block.slice(from, from + cut) };
    from += cut;
  }
  yield { start: start + from, text: block.slice(from) };
}
