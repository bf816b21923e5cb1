import type { InventoryIndex } from "../load/loadInventory.js";
import type { RulePack } from "../load/rulePack.js";
import type { Incident } from "../load/schema/incident.js";
import { buildPlan } from "./buildPlan.js";
import { buildSubjects } from "./buildSubjects.js";
import { classify, combined, scoreEvidence } from "./classify.js";
import { decidingQuestions } from "./decidingQuestions.js";
import { detectSymptoms } from "./detectSymptoms.js";
import { evaluateRules } from "./evaluateRules.js";
import { rationale } from "./rationale.js";
import { readableEnd } from "./text/textLimit.js";
import type { SymptomFact } from "./symptomFact.js";
import type { Decision, Triage } from "./types.js";

export interface TriageOptions {
  /** Reference date for credential ages and last use, epoch milliseconds. */
  now: number;
  file?: string;
}

/** Declared symptoms first; a description only adds what was not declared. */
export function incidentSymptoms(incident: Incident, pack: RulePack): SymptomFact[] {
  const out = new Map<string, SymptomFact>();
  for (const s of incident.symptoms ?? []) {
    const given = typeof s === "string" ? s : s.code;
    const code = pack.aliases.get(given) ?? given;
    const fact: SymptomFact = typeof s === "string" ? { code, source: "declared" } : { code, source: "declared", ...(s.note ? { note: s.note } : {}), ...(s.standing ? { standing: true as const } : {}) };
    const prev = out.get(fact.code);
    // Declared once as what happened, it is what happened, however often it is also declared standing.
    if (!prev) out.set(fact.code, fact);
    else if (prev.source === "declared" && prev.standing && !fact.standing) out.set(fact.code, fact);
  }
  const text = [incident.title, incident.description].filter(Boolean).join(". ");
  // Read as one text, so a title can begin what the description goes on with; each fact
  // then points into the field it came from.
  const descriptionAt = incident.title ? incident.title.length + 2 : 0;
  for (const d of detectSymptoms(text.slice(0, readableEnd(text)), pack.detectors)) {
    const prev = out.get(d.code);
    // The ticket telling that it happened outweighs an answer that says how things stand.
    if (!prev || (prev.source === "declared" && prev.standing)) out.set(d.code, inField(d, descriptionAt, incident.title));
  }

  return [...out.values()];
}

/** A detected fact with its offsets made relative to the field (title or description) it lies in. */
function inField(d: SymptomFact, descriptionAt: number, title: string | undefined): SymptomFact {
  if (d.source !== "description" || !d.sentence) return d;
  const inTitle = title !== undefined && d.sentence.start < descriptionAt;
  const shift = inTitle ? 0 : descriptionAt;
  const move = <T extends { start: number; end: number }>(x: T): T => ({ ...x, start: x.start - shift, end: x.end - shift });
  const { code, source, phrase, ...rest } = d;
  // The ". " that joins title and description is the tool's, not the writer's: a title
  // sentence ends where the title does.
  const end = inTitle ? Math.min(d.sentence.end, title.length) : d.sentence.end - shift;
  const sentence = { start: d.sentence.start - shift, end, text: inTitle ? title.slice(d.sentence.start, end) : d.sentence.text };
  const matches = (d.matches ?? []).map(move).filter((m) => !inTitle || m.end <= title.length);
  return { code, source, phrase, field: inTitle ? "title" : "description", ...rest, sentence, matches };
}

/** The whole decision for one incident: pure, deterministic, no I/O. */
export function triage(incident: Incident, pack: RulePack, inventory: InventoryIndex | undefined, opts: TriageOptions): Triage {
  const active = incident.active ?? false;
  const symptoms = incidentSymptoms(incident, pack);
  const subjects = buildSubjects(incident, inventory);
  const ctx = { active, now: opts.now, privileges: pack.privileges };
  const standing = symptoms.flatMap((s) => (s.source === "declared" && s.standing ? [s.code] : []));
  const settings = standing.length ? { ...pack.decision, standingConditions: [...pack.decision.standingConditions, ...standing] } : pack.decision;
  const findings = evaluateRules(pack.rules, subjects, new Map(symptoms.map((s) => [s.code, s])), ctx, settings);
  // What the inventory does not record is reported, never weighed as if it had been seen.
  const known = findings.filter((f) => !f.unknown);
  const evidence = scoreEvidence(known);
  const scores = combined(evidence, pack.decision);
  const call = classify(evidence, pack.decision, findings.length - known.length);
  // Undecided is never the last word: it names the questions whose answers would decide it.
  const decision: Decision =
    call.decision === "insufficient-evidence" ? { ...call, ask: decidingQuestions(pack, call.leans, symptoms, new Set(known.map((f) => f.rule)), ctx) } : call;
  const { contain, plan } = buildPlan(known, decision, pack);
  return {
    incident: incident.id,
    ...(incident.title ? { title: incident.title } : {}),
    ...(opts.file ? { file: opts.file } : {}),
    active,
    decision,
    scores,
    rationale: rationale(decision, scores, known, plan, active, pack),
    symptoms,
    findings,
    contain,
    plan,
  };
}
