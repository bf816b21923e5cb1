/** GitHub refuses a step summary over 1 MiB and shows none of it. */
export const STEP_SUMMARY_BYTES = 1024 * 1024;

/**
 * The Markdown report as a step summary: whole when it fits, else cut at the last line
 * that fits with a line saying so. The gate keeps its Markdown far below this; the check
 * is here because a summary over the limit is lost entirely.
 */
export function stepSummary(markdown: string, limit = STEP_SUMMARY_BYTES): string {
  const text = markdown.endsWith("\n") ? markdown : `${markdown}\n`;
  if (Buffer.byteLength(text, "utf8") <= limit) return text;
  const note = "\n_The report was cut here to fit GitHub's step summary limit; the SARIF upload has every finding._\n";
  let cut = Buffer.from(text, "utf8").subarray(0, limit - Buffer.byteLength(note, "utf8")).toString("utf8");
  // A cut inside a character leaves U+FFFD at the end; a cut at a line end leaves none.
  cut = cut.slice(0, cut.lastIndexOf("\n") + 1);
  return cut + note;
}
