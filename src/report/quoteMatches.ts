import { evidenceText, type Evidence } from "../engine/evidence.js";

type Detected = Extract<Evidence, { kind: "detected-symptom" }>;

/** A sentence longer than this is shown around its matched words only. */
const LONGEST = 160;
const AROUND = 50;

/**
 * The sentence a symptom was read in, each matched word passed through `mark`, quoted. A
 * frame's words in the sentence before come first, with an ellipsis; a long sentence is cut
 * to the stretch around its matched words, at word boundaries. Without a sentence (a
 * redacted secret) the phrase is quoted as it is.
 */
export function quoteMatches(e: Detected, mark: (word: string) => string): string {
  const s = e.sentence;
  if (!s || e.matches.length === 0) return `"${e.phrase}"`;
  const inside = e.matches.filter((m) => m.start >= s.start && m.end <= s.end);
  const before = e.matches.filter((m) => m.end <= s.start);
  let from = s.start;
  let to = s.end;
  if (inside.length && to - from > LONGEST) {
    from = Math.max(s.start, inside[0]!.start - AROUND);
    to = Math.min(s.end, inside.at(-1)!.end + AROUND);
    // Cut at a space, never inside a word.
    if (from > s.start) from = Math.min(inside[0]!.start, spaceAfter(s.text, from - s.start) + s.start);
    if (to < s.end) to = Math.max(inside.at(-1)!.end, spaceBefore(s.text, to - s.start) + s.start);
  }
  const parts: string[] = [];
  let at = from;
  for (const run of runs(inside, s)) {
    parts.push(s.text.slice(at - s.start, run.start - s.start), mark(s.text.slice(run.start - s.start, run.end - s.start)));
    at = run.end;
  }
  parts.push(s.text.slice(at - s.start, to - s.start));
  const lead = before.length ? `${before.map((m) => mark(m.text)).join(" … ")} … ` : "";
  const body = `${from > s.start ? "…" : ""}${parts.join("")}${to < s.end ? "…" : ""}`;
  return `"${`${lead}${body}`.replace(/\s+/g, " ").trim()}"`;
}

/** Matched words next to each other ("kept retrying") marked as one; overlaps dropped. */
function runs(words: ReadonlyArray<{ start: number; end: number }>, s: { start: number; text: string }): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (const w of words) {
    const last = out.at(-1);
    if (last && w.start < last.end) continue;
    if (last && /^\s*$/.test(s.text.slice(last.end - s.start, w.start - s.start))) last.end = w.end;
    else out.push({ start: w.start, end: w.end });
  }
  return out;
}

function spaceAfter(text: string, i: number): number {
  const j = text.slice(i).search(/\s/);
  return j === -1 ? i : i + j + 1;
}

function spaceBefore(text: string, i: number): number {
  const j = text.slice(0, i).search(/\s\S*$/);
  return j === -1 ? i : j;
}

/** A detected symptom's line with its words marked: `symptom repeated-retries (description: "the job «kept retrying»")`. */
export function markedLine(e: Detected, mark: (word: string) => string): string {
  return `symptom ${e.code} (${e.field ?? "description"}: ${quoteMatches(e, mark)})`;
}

/** Any evidence as a line, a detected symptom's words marked. */
export function markedEvidence(e: Evidence, mark: (word: string) => string): string {
  return e.kind === "detected-symptom" ? markedLine(e, mark) : evidenceText(e);
}
