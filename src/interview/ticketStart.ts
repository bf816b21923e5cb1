import { incidentSymptoms } from "../engine/triage.js";
import type { RulePack } from "../load/rulePack.js";
import type { Incident } from "../load/schema/incident.js";
import type { Question, When } from "../load/schema/questions.js";
import { holds, resolve, type AnswerValue, type Answers, type SessionContext } from "./session.js";
import { pickedChoices, toIncident } from "./toIncident.js";

/** Where a questionnaire starts: the answers already known, and how answers become an incident. */
export interface Start {
  answers: Map<string, AnswerValue>;
  incident(answers: Answers): Incident;
}

export function blankStart(pack: RulePack, ctx: SessionContext): Start {
  return { answers: new Map(), incident: (answers) => toIncident(pack.questions, answers, ctx) };
}

type Draft = Map<string, AnswerValue>;

/**
 * Makes `w` hold by adding to the draft what it asks of earlier answers: a value into a
 * multi-choice answer, an unset single or yes/no answer. Returns whether it holds after.
 */
function satisfy(w: When, draft: Draft, byId: ReadonlyMap<string, Question>, ctx: SessionContext): boolean {
  if (holds(w, draft, ctx)) return true;
  if ("all" in w) return w.all.every((x) => satisfy(x, draft, byId, ctx));
  if ("any" in w) return w.any.some((x) => satisfy(x, draft, byId, ctx));
  if ("not" in w || "inventory" in w) return false;
  const q = byId.get(w.answer);
  const current = draft.get(w.answer);
  if ("includes" in w) {
    if (q?.kind !== "multi") return false;
    draft.set(w.answer, [...(Array.isArray(current) ? current : []), w.includes]);
  } else if (current === undefined) draft.set(w.answer, w.equals);
  return holds(w, draft, ctx);
}

/** The answer a question gets from what the ticket shows, or undefined when it says nothing to it. */
function answerFromTicket(q: Question, ticket: Incident, shown: ReadonlySet<string>, ctx: SessionContext): AnswerValue | undefined {
  if (q.kind === "text") {
    const v = q.field === "id" ? ticket.id : q.field ? ticket[q.field] : undefined;
    return v === undefined || v.trim() === "" ? undefined : v;
  }
  if (q.kind === "inventory") {
    const ids = ctx.hasInventory && q.list ? ticket.affected?.[q.list] : undefined;
    return ids?.length ? [...ids] : undefined;
  }
  const choices = q.choices ?? [];
  // A choice is what the ticket says when every symptom it adds is shown, or it sets `active` as the ticket does.
  const fits = choices.filter((c) => (c.symptoms?.length ? c.symptoms.every((s) => shown.has(s)) : c.active !== undefined && c.active === ticket.active));
  if (!fits.length) return undefined;
  if (q.kind === "multi") return fits.map((c) => c.value);
  if (q.kind === "yesno") return fits[0]!.value === "yes";
  return fits[0]!.value;
}

/**
 * A questionnaire that starts from a ticket: its id, title, description and `active`, the
 * inventory entries it names, and a choice wherever the ticket already shows all of that
 * choice's symptoms (declared or found in its text), with the earlier answers those need
 * (the "what are you seeing" that leads to them). Only the rest is asked. The incident
 * keeps the ticket's own symptoms; a symptom the ticket shows is not declared again on
 * its behalf, so its evidence stays the ticket's words.
 */
export function ticketStart(pack: RulePack, ticket: Incident, ctx: SessionContext): Start {
  const shownByTicket = new Set(incidentSymptoms(ticket, pack).map((s) => s.code));
  const byId = new Map(pack.questions.map((q) => [q.id, q]));
  const draft: Draft = new Map();
  const implied = new Set<string>();
  // Symptoms first, opening the way to them; then what only applies where it already does
  // (an inactive ticket does not mean the responder saw an access problem).
  for (const evidence of [true, false]) {
    for (const q of pack.questions) {
      const a = answerFromTicket(q, ticket, shownByTicket, ctx);
      const bearsSymptoms = pickedChoices(q, a).some((c) => c.symptoms?.length);
      if (a === undefined || bearsSymptoms !== evidence || draft.has(q.id)) continue;
      // Tried on a copy: a condition only partly satisfied must leave no answer behind.
      const trial = new Map(draft).set(q.id, a);
      const applies = !q.when || (evidence ? satisfy(q.when, trial, byId, ctx) : holds(q.when, trial, ctx));
      if (!applies) continue;
      for (const [id, v] of trial) draft.set(id, v);
      for (const c of pickedChoices(q, a)) for (const s of c.symptoms ?? []) implied.add(`${q.id}\u0000${c.value}\u0000${s}`);
    }
  }
  const answers = resolve(pack.questions, draft, ctx).answers;
  return {
    answers,
    incident(given) {
      const built = toIncident(pack.questions, given, ctx, ticket.id);
      const own = ticket.symptoms ?? [];
      const text = { ...built, symptoms: own };
      const stillShown = new Set(incidentSymptoms(text, pack).map((s) => s.code));
      // Symptoms a responder picked, as opposed to those the start filled in for the ticket.
      const picked = new Set<string>();
      const { asked, answers: kept } = resolve(pack.questions, given, ctx);
      for (const q of asked) {
        for (const c of pickedChoices(q, kept.get(q.id))) for (const s of c.symptoms ?? []) if (!implied.has(`${q.id}\u0000${c.value}\u0000${s}`)) picked.add(s);
      }
      const codeOf = (s: (typeof own)[number]) => (typeof s === "string" ? s : s.code);
      const added = (built.symptoms ?? []).filter((s) => picked.has(codeOf(s)) || !stillShown.has(codeOf(s)));
      const symptoms = [...own, ...added.filter((s) => !own.some((o) => codeOf(o) === codeOf(s)))];
      const active = built.active ?? ticket.active;
      const affected = built.affected ?? (ctx.hasInventory ? undefined : ticket.affected);
      const incident: Incident = { apiVersion: built.apiVersion, kind: built.kind, id: built.id };
      if (built.title !== undefined) incident.title = built.title;
      if (built.description !== undefined) incident.description = built.description;
      if (active !== undefined) incident.active = active;
      if (symptoms.length) incident.symptoms = symptoms;
      if (affected) incident.affected = affected;
      return incident;
    },
  };
}
