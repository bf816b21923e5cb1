/** A stretch of the ticket's text: offsets into its field, and the text there. */
export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

/**
 * A symptom read in the ticket's text: the field, the sentence, every matched word (with
 * the concept it matched, for a frame), whether the sentence states the cause, and the
 * frame (a phrase match has none). Only asserted matches become facts. A pasted secret,
 * redacted, has no sentence of its own.
 */
export interface DescriptionFact {
  code: string;
  source: "description";
  phrase: string;
  field?: "title" | "description";
  sentence?: TextSpan;
  matches?: Array<TextSpan & { concept?: string }>;
  cause?: true;
  frame?: string;
  weight?: number;
}

/** A symptom the incident shows, and how we know. */
export type SymptomFact = { code: string; source: "declared"; note?: string } | DescriptionFact;

export function describeSymptom(s: SymptomFact): string {
  if (s.source === "description") return `symptom ${s.code} (description: "${s.phrase}")`;
  return s.note ? `symptom ${s.code} (declared: ${s.note})` : `symptom ${s.code} (declared)`;
}

/**
 * An evidence line as a reader wants it in a sentence: the words that matched, or the fact.
 * It reads back what describeSymptom writes, so the format and its reading live here together.
 */
export function briefEvidence(e: string): string {
  const detected = /^symptom \S+ \(description: (".*")\)$/.exec(e);
  if (detected) return detected[1]!;
  const declared = /^symptom (\S+) \(declared(?:: (.*))?\)$/.exec(e);
  if (declared) return declared[2] ? `${declared[1]}: ${declared[2]}` : `${declared[1]} declared`;
  return e;
}
