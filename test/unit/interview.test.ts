import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hintLine } from "../../src/interview/hint.js";
import type { MenuChoice, Prompter } from "../../src/interview/prompts.js";
import { runInterview } from "../../src/interview/runInterview.js";
import { nextQuestion, resolve, type AnswerValue, type SessionContext } from "../../src/interview/session.js";
import { toIncident } from "../../src/interview/toIncident.js";
import { loadInventory } from "../../src/load/loadInventory.js";
import type { Question } from "../../src/load/schema/questions.js";
import { PLAIN } from "../../src/report/style.js";
import { builtinPack, extraPackProblems, NOW, ROOT } from "../helpers.js";

/** A seeded generator, so the exploration below is the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomAnswer(q: Question, rnd: () => number): AnswerValue {
  const values = (q.choices ?? []).map((c) => c.value);
  switch (q.kind) {
    case "single":
      return values[Math.floor(rnd() * values.length)]!;
    case "multi":
      return values.filter(() => rnd() < 0.35);
    case "yesno":
      return rnd() < 0.5;
    case "text":
      return "text";
    case "inventory":
      return [];
  }
}

describe("the question graph", () => {
  it("reaches every symptom code and asks every question on some path of answers", async () => {
    const pack = await builtinPack();
    const rnd = mulberry32(42);
    const asked = new Set<string>();
    const symptoms = new Set<string>();
    for (let run = 0; run < 400; run++) {
      const ctx: SessionContext = { hasInventory: run % 2 === 0 };
      const answers = new Map<string, AnswerValue>();
      for (let q = nextQuestion(pack.questions, answers, ctx); q; q = nextQuestion(pack.questions, answers, ctx)) {
        asked.add(q.id);
        answers.set(q.id, randomAnswer(q, rnd));
      }
      for (const s of toIncident(pack.questions, answers, ctx).symptoms ?? []) symptoms.add(typeof s === "string" ? s : s.code);
    }
    expect(pack.questions.map((q) => q.id).filter((id) => !asked.has(id))).toEqual([]);
    expect([...pack.symptoms.keys()].filter((c) => !symptoms.has(c))).toEqual([]);
  });

  it("starts from what the responder sees, including not sure", async () => {
    const first = nextQuestion((await builtinPack()).questions, new Map(), { hasInventory: false })!;
    expect(first.id).toBe("seen");
    expect(first.choices!.map((c) => c.value)).toEqual(expect.arrayContaining(["jobs", "access", "credential", "agent", "unsure"]));
  });

  it("drops the follow-ups of an answer that changed", async () => {
    const { questions } = await builtinPack();
    const ctx = { hasInventory: false };
    const before = new Map<string, AnswerValue>([["seen", ["jobs", "agent"]], ["jobs", ["retried"]], ["agent", ["chaining"]], ["attribution", false]]);
    expect([...resolve(questions, before, ctx).answers.keys()]).toEqual(["seen", "jobs", "agent", "attribution"]);
    const after = resolve(questions, new Map([...before, ["seen", ["agent"]]]), ctx).answers;
    expect([...after.keys()]).toEqual(["seen", "agent", "attribution"]);
    expect(toIncident(questions, after, ctx).symptoms).toEqual(["tool-chaining-escalation", "unattributable-action"]);
  });

  it("offers inventory questions only with an inventory", async () => {
    const { questions } = await builtinPack();
    const ids = (ctx: SessionContext) => resolve(questions, new Map([["seen", ["agent"]]]), ctx).asked.map((q) => q.id);
    expect(ids({ hasInventory: true })).toEqual(expect.arrayContaining(["identities", "workflows", "agents"]));
    expect(ids({ hasInventory: false })).not.toContain("identities");
  });
});

/** Answers questions from a script, in order, and records what it was asked. */
function scripted(steps: Array<AnswerValue | string>): Prompter & { asked: string[] } {
  const asked: string[] = [];
  const next = () => {
    if (steps.length === 0) throw new Error(`script ran out after: ${asked.join(" / ")}`);
    return steps.shift()!;
  };
  return {
    asked,
    ask: async (q: Question) => {
      asked.push(q.id);
      return next();
    },
    menu: async <T extends string>(message: string, _choices: ReadonlyArray<MenuChoice<T>>) => {
      asked.push(`menu: ${message}`);
      return next() as T;
    },
    confirm: async () => next() as boolean,
  };
}

describe("runInterview (driven without a terminal)", () => {
  it("asks, hints, summarises, goes back to change one answer, and ends with the new answers", async () => {
    const pack = await builtinPack();
    const inventory = loadInventory("inv.yaml", readFileSync(join(ROOT, "fixtures/inventory.yaml"), "utf8"));
    const lines: string[] = [];
    const prompter = scripted([
      ["jobs"], // seen
      ["retried", "replayed"], // jobs
      true, // attribution: logs can say who acted
      ["svc-deploy"], // identities
      ["nightly-deploy"], // workflows
      "Deploy ran the migration twice", // title
      "", // description
      "INC-T-1", // incident id
      "change", // menu: change an answer
      "seen", // which: seen
      ["jobs", "credential"], // seen again, now with a credential problem
      ["leaked"], // credential (new follow-up)
      "ongoing", // active (new follow-up)
      "done", // menu: triage it
    ]);
    const answers = await runInterview(pack, inventory, NOW, { prompter, print: (l) => lines.push(l), style: PLAIN });
    expect(prompter.asked).toEqual([
      "seen", "jobs", "attribution", "identities", "workflows", "title", "description", "incident-id",
      "menu: Triage it now, or change an answer?", "menu: Which answer?", "seen", "credential", "active",
      "menu: Triage it now, or change an answer?",
    ]);
    const incident = toIncident(pack.questions, answers, { hasInventory: true });
    expect(incident).toMatchObject({ id: "INC-T-1", title: "Deploy ran the migration twice", active: true, symptoms: ["repeated-retries", "privileged-step-replayed", "leaked-secret"] });
    expect(incident.description).toBeUndefined();
    const hints = lines.filter((l) => l.startsWith("  so far: "));
    expect(hints.length).toBeGreaterThanOrEqual(2);
    expect(hints[0]).toMatch(/not enough to lean/);
    expect(hints.some((h) => /orchestration-first/.test(h))).toBe(true);
    expect(lines).toContain("Your answers");
    expect(lines.some((l) => /What are you seeing\?[\s\S]*Jobs or steps failed/.test(l))).toBe(true);
  });

  it("hint lines say which way and how sure", () => {
    expect(hintLine({ decision: "identity-first", confidence: 0.86, coordination: 1, attribution: 7.5 })).toBe(
      "so far: identity-first, fairly sure (confidence 0.86 · coordination 1 · attribution 7.5)",
    );
    expect(hintLine({ decision: "insufficient-evidence", confidence: 0.6, coordination: 0, attribution: 1, leans: "identity" })).toBe(
      "so far: not enough to decide, leaning identity (coordination 0 · attribution 1)",
    );
    expect(hintLine({ decision: "insufficient-evidence", confidence: 0.9, coordination: 0, attribution: 0, leans: "none" })).toBe("so far: not enough to lean either way (coordination 0 · attribution 0)");
  });
});

describe("question graph validation", () => {
  const problems = (yaml: string) =>
    extraPackProblems({ "questions.yaml": `apiVersion: nhi-triage/v1\nkind: Questions\nintro: hi\nquestions:\n${yaml}` });
  it("rejects a condition on a later or unknown question, an impossible value and an unknown symptom", async () => {
    expect(
      await problems(
        [
          "  - { id: a, kind: multi, text: A, when: { answer: b, includes: x }, choices: [{ value: x, label: X, symptoms: [repeated-retry] }] }",
          "  - { id: b, kind: multi, text: B, choices: [{ value: x, label: X }] }",
          "  - { id: c, kind: yesno, text: C, when: { answer: b, includes: y } }",
          "  - { id: d, kind: single, text: D }",
          "",
        ].join("\n"),
      ),
    ).toEqual([
      '5 "b" is not an earlier question',
      '5 unknown symptom "repeated-retry"; did you mean "repeated-retries"?',
      '7 "b" has no choice "y"',
      "8 a single question needs choices",
    ]);
  });
});
