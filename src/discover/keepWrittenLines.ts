import { diffArrays } from "diff";

/**
 * The edited document as the person's own lines wherever the edit left a line alone. The
 * YAML library prints a whole document in its own layout (one space before a comment, its
 * own indentation of lists), so the edit is found by comparing the library's printing of
 * the file before and after it, and only changed lines take the library's layout. When the
 * library's printing of the untouched file does not line up with the file line for line
 * (beyond spacing), its printing of the edit is used as it is.
 */
export function keepWrittenLines(written: string, printedBefore: string, printedAfter: string): string {
  const own = written.split("\n");
  const before = printedBefore.split("\n");
  const after = printedAfter.split("\n");
  const bare = (l: string) => l.replace(/\s+/g, "");
  if (own.length !== before.length || own.some((l, i) => bare(l) !== bare(before[i]!))) return printedAfter;
  const out: string[] = [];
  let at = 0;
  for (const part of diffArrays(before, after)) {
    const n = part.value.length;
    if (part.added) out.push(...part.value);
    else {
      if (!part.removed) out.push(...own.slice(at, at + n));
      at += n;
    }
  }
  return out.join("\n");
}
