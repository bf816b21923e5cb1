import { API_VERSION } from "../load/schema/common.js";
import type { Incident } from "../load/schema/incident.js";
import type { Question } from "../load/schema/questions.js";
import { resolve, type AnswerValue, type Answers, type SessionContext } from "./session.js";
import { redactText } from "../redact/redactText.js";

/** The choices an answer picked: yes/no answers pick the choice named yes or no. */
export function pickedChoices(q: Question, a: AnswerValue | undefined): NonNullable<Question["choices"]> {
  if (a === undefined) return [];
  const values = typeof a === "boolean" ? [a ? "yes" : "no"] : typeof a === "string" ? [a] : a;
  return (q.choices ?? []).filter((c) => values.includes(c.value));
}

/**
 * The incident the answers describe: the same `kind: Incident` that analyze reads. Symptom
 * codes come in question order, each once; only answers that still apply count.
 */
export function toIncident(questions: readonly Question[], given: Answers, ctx: SessionContext, fallbackId = "INTERVIEW"): Incident {
  const { asked, answers } = resolve(questions, given, ctx);
  const symptoms: Array<string | { code: string; standing: true }> = [];
  const codes = new Set<string>();
  const fields: { id?: string; title?: string; description?: string } = {};
  const affected: { identities?: string[]; workflows?: string[]; agents?: string[] } = {};
  let active: boolean | undefined;
  for (const q of asked) {
    const a = answers.get(q.id);
    if (a === undefined) continue;
    for (const c of pickedChoices(q, a)) {
      for (const s of c.symptoms ?? []) {
        if (codes.has(s)) {
          // Picked once as what happened, it is what happened, whatever else says it stands so.
          const at = symptoms.findIndex((x) => typeof x !== "string" && x.code === s);
          if (at >= 0 && !c.standing) symptoms[at] = s;
          continue;
        }
        codes.add(s);
        symptoms.push(c.standing ? { code: s, standing: true } : s);
      }
      if (c.active !== undefined) active = c.active;
    }
    // Typed text skips the loader, which redacts files; --save and every report see it redacted.
    if (q.kind === "text" && q.field && typeof a === "string" && a.trim() !== "") fields[q.field] = redactText(a);
    if (q.kind === "inventory" && q.list && Array.isArray(a) && a.length) affected[q.list] = [...new Set([...(affected[q.list] ?? []), ...a])];
  }
  return {
    apiVersion: API_VERSION,
    kind: "Incident",
    id: fields.id ?? fallbackId,
    ...(fields.title ? { title: fields.title } : {}),
    ...(fields.description ? { description: fields.description } : {}),
    ...(active !== undefined ? { active } : {}),
    ...(symptoms.length ? { symptoms } : {}),
    ...(Object.keys(affected).length ? { affected } : {}),
  };
}
