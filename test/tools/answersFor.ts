import { stringify } from "yaml";
import type { AnswerValue } from "../../src/interview/session.js";
import type { RulePack } from "../../src/load/rulePack.js";
import type { Incident } from "../../src/load/schema/incident.js";
import type { Question, When } from "../../src/load/schema/questions.js";

/**
 * The answers a responder would give to describe an incident file: for each declared
 * symptom the choice that adds it, plus the parent answers that make its question apply;
 * title, description and id as text; affected ids as inventory picks. Used to write the
 * fixtures/answers files that the tests replay through `interview --answers`.
 */
export function answersFor(pack: RulePack, incident: Incident, hasInventory: boolean): Map<string, AnswerValue> {
  const qs = pack.questions;
  const byId = new Map(qs.map((q) => [q.id, q]));
  const answers = new Map<string, AnswerValue>();
  const add = (q: Question, value: string | boolean | readonly string[]): void => {
    if (q.kind === "multi" || q.kind === "inventory") {
      const prev = (answers.get(q.id) as string[] | undefined) ?? [];
      const more = Array.isArray(value) ? value : [value as string];
      answers.set(q.id, [...prev, ...more.filter((v) => !prev.includes(v))]);
    } else answers.set(q.id, value as string | boolean);
    if (q.when) satisfy(q.when);
  };
  const satisfy = (w: When): void => {
    if ("all" in w) return w.all.forEach(satisfy);
    if ("any" in w) return satisfy(w.any[0]!);
    if ("not" in w || "inventory" in w) return;
    const target = byId.get(w.answer)!;
    add(target, "includes" in w ? w.includes : w.equals);
  };
  const choiceFor = (pred: (c: NonNullable<Question["choices"]>[number]) => boolean) => {
    for (const q of qs) for (const c of q.choices ?? []) if (pred(c)) return { q, value: q.kind === "yesno" ? c.value === "yes" : c.value };
    return undefined;
  };
  for (const s of incident.symptoms ?? []) {
    const given = typeof s === "string" ? s : s.code;
    const code = pack.aliases.get(given) ?? given;
    const standing = typeof s !== "string" && s.standing === true;
    // A symptom declared as what happened is answered by a choice that says it happened, where one does.
    const hit = choiceFor((c) => (c.symptoms ?? []).includes(code) && (c.standing ?? false) === standing) ?? choiceFor((c) => (c.symptoms ?? []).includes(code));
    if (!hit) throw new Error(`no answer adds symptom ${code}`);
    add(hit.q, hit.value);
  }
  if (incident.active === true) {
    const hit = choiceFor((c) => c.active === true)!;
    add(hit.q, hit.value);
  }
  if (hasInventory) {
    for (const list of ["identities", "workflows", "agents"] as const) {
      const ids = incident.affected?.[list];
      const q = qs.find((x) => x.kind === "inventory" && x.list === list);
      if (ids?.length && q) add(q, ids);
    }
  }
  for (const q of qs) {
    if (q.kind !== "text" || !q.field) continue;
    const v = incident[q.field];
    if (v !== undefined) answers.set(q.id, v);
  }
  // In asking order, so a saved file reads like the interview did.
  return new Map(qs.filter((q) => answers.has(q.id)).map((q) => [q.id, answers.get(q.id)!]));
}

export function answersYaml(answers: ReadonlyMap<string, AnswerValue>, source: string): string {
  const doc = { apiVersion: "nhi-triage/v1", kind: "Answers", answers: Object.fromEntries(answers) };
  return `# Answers that describe ${source}; replay with nhi-triage interview --answers <this file>\n${stringify(doc, { lineWidth: 0 })}`;
}
