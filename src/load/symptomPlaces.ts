import type { Triage } from "../engine/types.js";
import type { LoadedIncident } from "./loadIncident.js";
import { locateWords, type FieldAt, type WordsAt } from "./locateWords.js";

/**
 * Where each symptom of the incident is written, by code: a declared one at its entry under
 * `symptoms:`; one read in the text at its words, or at least its field.
 */
export function symptomPlaces(t: Triage, loaded: LoadedIncident, source: string, aliases: ReadonlyMap<string, string>): Map<string, WordsAt | FieldAt> {
  const out = new Map<string, WordsAt | FieldAt>();
  (loaded.incident.symptoms ?? []).forEach((d, i) => {
    const given = typeof d === "string" ? d : d.code;
    const code = aliases.get(given) ?? given;
    const at = loaded.doc.locate(["symptoms", i]);
    if (at && !out.has(code)) out.set(code, { kind: "field", file: loaded.file, start: at });
  });
  for (const s of t.symptoms) {
    if (s.source !== "description" || !s.field) continue;
    const at = locateWords(loaded, source, s.field, s.matches ?? []);
    if (at) out.set(s.code, at);
  }
  return out;
}
