/** A symptom the incident shows, and how we know. */
export type SymptomFact =
  | { code: string; source: "declared"; note?: string }
  | { code: string; source: "description"; phrase: string };

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
