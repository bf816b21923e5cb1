import type { RulePack } from "../load/rulePack.js";
import type { Question } from "../load/schema/questions.js";
import { combined, scoreEvidence, sides } from "./classify.js";
import { evaluateRules } from "./evaluateRules.js";
import { incidentSubject, type EvalContext } from "./subject.js";
import type { SymptomFact } from "./symptomFact.js";
import type { Lean } from "./types.js";

type Side = Exclude<Lean, "none">;
interface Gain {
  question: Question;
  orchestration: number;
  identity: number;
}

/**
 * What each question could add: for every choice, the rules its symptoms would newly make
 * fire on the incident (beyond those that already fired), weighed as the decision weighs
 * them; a question's gain on a side is its best choice's. Read from the rules themselves,
 * so a new question or rule needs no table here.
 */
function gains(pack: RulePack, symptoms: readonly SymptomFact[], fired: ReadonlySet<string>, ctx: EvalContext): Gain[] {
  const subject = [incidentSubject("QUESTION")];
  const shown = new Map(symptoms.map((s) => [s.code, s]));
  const out: Gain[] = [];
  for (const question of pack.questions) {
    const g: Gain = { question, orchestration: 0, identity: 0 };
    for (const choice of question.choices ?? []) {
      const added = (choice.symptoms ?? []).filter((c) => !shown.has(c));
      if (!added.length) continue;
      const withChoice = new Map(shown);
      for (const code of added) withChoice.set(code, { code, source: "declared" });
      const newly = evaluateRules(pack.rules, subject, withChoice, ctx, pack.decision).filter((f) => !fired.has(f.rule) && !f.unknown);
      const { c, a } = sides(combined(scoreEvidence(newly), pack.decision));
      g.orchestration = Math.max(g.orchestration, c);
      g.identity = Math.max(g.identity, a);
    }
    if (g.orchestration > 0 || g.identity > 0) out.push(g);
  }
  return out;
}

/**
 * The one to three questions that would decide an undecided incident: the one whose answer
 * adds most to the side it leans to (enough would confirm the lean), the one that adds most
 * to the other side (which could overturn it), then the next most telling either way. With
 * no lean, the best question for each side. Ties go to the question asked earlier.
 */
export function decidingQuestions(pack: RulePack, leans: Lean, symptoms: readonly SymptomFact[], fired: ReadonlySet<string>, ctx: EvalContext): string[] {
  // Undecided tickets mostly show the same little (often nothing): weigh each case once per pack.
  const key = [leans, ctx.active, [...symptoms.map((s) => s.code)].sort().join(","), [...fired].sort().join(",")].join("|");
  let cache = asked.get(pack);
  if (!cache) asked.set(pack, (cache = new Map()));
  let ids = cache.get(key);
  if (!ids) {
    if (cache.size >= 1000) cache.clear();
    cache.set(key, (ids = pick(gains(pack, symptoms, fired, ctx), leans)));
  }
  return [...ids];
}

const asked = new WeakMap<RulePack, Map<string, readonly string[]>>();

function pick(all: readonly Gain[], leans: Lean): string[] {
  const order: Side[] = leans === "identity" ? ["identity", "orchestration"] : ["orchestration", "identity"];
  const picked: Gain[] = [];
  const best = (score: (g: Gain) => number) => {
    let top: Gain | undefined;
    for (const g of all) if (!picked.includes(g) && score(g) > 0 && (!top || score(g) > score(top))) top = g;
    if (top) picked.push(top);
  };
  for (const side of order) best((g) => g[side]);
  best((g) => Math.max(g.orchestration, g.identity));
  return picked.slice(0, 3).map((g) => g.question.id);
}
