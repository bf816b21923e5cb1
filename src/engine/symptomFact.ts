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
export type SymptomFact = { code: string; source: "declared"; note?: string; standing?: true } | DescriptionFact;
