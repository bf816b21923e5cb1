import type { FactEntity } from "./factCatalog.js";
import type { DescriptionFact, SymptomFact, TextSpan } from "./symptomFact.js";

/** A recorded value as evidence shows it: lists stay lists, so JSON readers need not split them. */
export type ShownValue = string | number | boolean | readonly string[];

/**
 * One reason a rule holds (or is unknown), as data: formatters render it, JSON carries it,
 * SARIF points at it; nothing reads a rendered line back.
 * - `fact`: a value read from the inventory or the incident (`step migrate-db: retries 3`).
 * - `unknown-fact`: a value the condition needed that the inventory does not record.
 * - `declared-symptom`: a code the incident lists under `symptoms:`.
 * - `detected-symptom`: a symptom read in the ticket's text, with the field, the sentence,
 *   every matched word's span (offsets into that field) and the concept it matched, the
 *   frame, and its assertion context. Only asserted matches become evidence; `cause` marks
 *   a sentence that states the cause. A pasted secret, redacted, has no sentence.
 */
export type Evidence =
  /** `value` is null where a test holds on a value not recorded ("not proven equal"). */
  | { kind: "fact"; fact: string; owner: string; label: string; value: ShownValue | null; detail?: string }
  | { kind: "unknown-fact"; fact: string; owner: string; label: string; entity: FactEntity; recorded: boolean; missing: string[] }
  | { kind: "declared-symptom"; code: string; note?: string }
  | ({ kind: "detected-symptom"; code: string; phrase: string; assertion: "asserted"; cause: boolean; matches: Array<TextSpan & { concept?: string }> } & Pick<DescriptionFact, "field" | "sentence" | "frame" | "weight">);

export type EvidenceKind = Evidence["kind"];

/** The evidence a symptom the incident shows gives. */
export function symptomEvidence(s: SymptomFact): Evidence {
  if (s.source === "declared") return { kind: "declared-symptom", code: s.code, ...(s.note ? { note: s.note } : {}) };
  return {
    kind: "detected-symptom",
    code: s.code,
    phrase: s.phrase,
    ...(s.field ? { field: s.field } : {}),
    ...(s.sentence ? { sentence: s.sentence } : {}),
    matches: s.matches ?? [],
    ...(s.frame ? { frame: s.frame } : {}),
    ...(s.weight !== undefined ? { weight: s.weight } : {}),
    assertion: "asserted",
    cause: s.cause === true,
  };
}

function valueText(v: ShownValue | null): string {
  if (v === null) return " unknown";
  if (typeof v === "boolean") return `: ${v ? "yes" : "no"}`;
  if (Array.isArray(v)) return ` ${v.length ? v.join(", ") : "none"}`;
  return ` ${String(v)}`;
}

function unrecordedText(e: Extract<Evidence, { kind: "unknown-fact" }>): string {
  if (!e.recorded) return `no ${e.entity} recorded`;
  return e.missing.length ? `${e.missing.join(", ")} not recorded` : "not recorded";
}

/** The evidence as one plain line: `symptom repeated-retries (description: "kept retrying")`. */
export function evidenceText(e: Evidence): string {
  switch (e.kind) {
    case "fact":
      return `${e.owner}: ${e.label}${valueText(e.value)}${e.detail ? ` (${e.detail})` : ""}`;
    case "unknown-fact":
      return `${e.owner}: ${e.label} unknown (${unrecordedText(e)})`;
    case "declared-symptom":
      return e.note ? `symptom ${e.code} (declared: ${e.note})` : `symptom ${e.code} (declared)`;
    case "detected-symptom":
      return `symptom ${e.code} (description: "${e.phrase}")`;
  }
}

/** The evidence as a reader wants it inside a sentence: the words that matched, or the fact. */
export function briefText(e: Evidence): string {
  switch (e.kind) {
    case "detected-symptom":
      return `"${e.phrase}"`;
    case "declared-symptom":
      return e.note ? `${e.code}: ${e.note}` : `${e.code} declared`;
    default:
      return evidenceText(e);
  }
}
