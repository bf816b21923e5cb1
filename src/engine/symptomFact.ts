/** A symptom the incident shows, and how we know. */
export type SymptomFact =
  | { code: string; source: "declared"; note?: string }
  | { code: string; source: "description"; phrase: string };

export function describeSymptom(s: SymptomFact): string {
  if (s.source === "description") return `symptom ${s.code} (description: "${s.phrase}")`;
  return s.note ? `symptom ${s.code} (declared: ${s.note})` : `symptom ${s.code} (declared)`;
}
