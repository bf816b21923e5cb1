import { describe, expect, it } from "vitest";
import { triage } from "../../src/engine/triage.js";
import { nextQuestion } from "../../src/interview/session.js";
import { ticketStart } from "../../src/interview/ticketStart.js";
import { loadAnswers } from "../../src/load/loadAnswers.js";
import type { Incident } from "../../src/load/schema/incident.js";
import type { Question } from "../../src/load/schema/questions.js";
import { builtinPack, NOW, problems } from "../helpers.js";

const pack = await builtinPack();
const ctx = { hasInventory: false };
const ticket = (over: Partial<Incident>): Incident => ({ apiVersion: "nhi-triage/v1", kind: "Incident", id: "INC-T-7", ...over });
const deploy = ticket({ title: "Nightly deploy", description: "the nightly deploy fired twice and re-applied a migration" });

describe("interview --from: the questionnaire starts from what the ticket says", () => {
  it("fills in the id, title, description and every choice whose symptoms the ticket shows, with the way to them", () => {
    const start = ticketStart(pack, deploy, ctx);
    // A migration applied again is the replay, not a faulty change as well.
    expect(Object.fromEntries(start.answers)).toEqual({
      seen: ["jobs"],
      jobs: ["replayed"],
      title: "Nightly deploy",
      description: "the nightly deploy fired twice and re-applied a migration",
      "incident-id": "INC-T-7",
    });
    // Only what is missing is asked: the logs question, which the ticket does not answer.
    expect(nextQuestion(pack.questions, start.answers, ctx)?.id).toBe("attribution");
  });

  it("takes `active` from the ticket where the question applies, and never opens a topic for it", () => {
    const leaked = ticketStart(pack, ticket({ active: true, description: "The deploy key was published in a public gist." }), ctx);
    expect(leaked.answers.get("credential")).toEqual(["leaked"]);
    expect(leaked.answers.get("active")).toBe("ongoing");
    const quiet = ticketStart(pack, ticket({ active: false, description: "The deploy ran twice." }), ctx);
    expect(quiet.answers.get("seen")).toEqual(["jobs"]);
    expect(quiet.answers.has("active")).toBe(false);
  });

  it("a ticket that says nothing the questions know leaves them all to ask", () => {
    const start = ticketStart(pack, ticket({ title: "Errors on Tuesday" }), ctx);
    expect([...start.answers.keys()]).toEqual(["title", "incident-id"]);
    expect(nextQuestion(pack.questions, start.answers, ctx)?.id).toBe("seen");
  });

  it("the incident keeps the ticket's words as evidence, and declares only what the responder added", () => {
    const start = ticketStart(pack, ticket({ ...deploy, symptoms: ["missed-handoff"] }), ctx);
    const answers = new Map(start.answers);
    answers.set("seen", ["jobs", "change", "credential"]);
    answers.set("credential", ["long-lived"]);
    const incident = start.incident(answers);
    // How the credential is kept is declared as how things stand.
    expect(incident.symptoms).toEqual(["missed-handoff", { code: "long-lived-secret", standing: true }]);
    const t = triage(incident, pack, undefined, { now: NOW });
    expect(t.symptoms.find((s) => s.code === "privileged-step-replayed")).toMatchObject({ source: "description" });
    // The description rewritten so it no longer shows the replay: the ticked choice now declares it.
    answers.set("description", "a migration was applied");
    expect(start.incident(answers).symptoms).toContain("privileged-step-replayed");
  });

  it("replayed answers replace the ticket's, one question at a time, and need no id or title the ticket gives", () => {
    const start = ticketStart(pack, deploy, ctx);
    const file = "answers.yaml";
    const text = "apiVersion: nhi-triage/v1\nkind: Answers\nanswers:\n  seen: [jobs, credential]\n  credential: [long-lived, orchestrator]\n  active: contained\n";
    const answers = loadAnswers(file, text, pack.questions, undefined, start.answers);
    expect(answers.get("jobs")).toEqual(["replayed"]);
    expect(answers.has("change")).toBe(false);
    expect(answers.get("incident-id")).toBe("INC-T-7");
    const t = triage(start.incident(answers), pack, undefined, { now: NOW });
    expect(t.decision).toMatchObject({ decision: "orchestration-first" });
    expect(problems(() => loadAnswers(file, "apiVersion: nhi-triage/v1\nkind: Answers\nanswers:\n  agent: [overreach]\n", pack.questions, undefined, start.answers))).toEqual([
      '4:3 question "agent" does not apply to the other answers (its condition does not hold)',
    ]);
  });

  it("a condition it cannot fully satisfy leaves no answer behind", () => {
    const questions: Question[] = [
      { id: "seen", kind: "multi", text: "Seen?", choices: [{ value: "jobs", label: "Jobs" }, { value: "never", label: "Never" }] },
      {
        id: "jobs",
        kind: "multi",
        text: "Jobs?",
        when: { all: [{ answer: "seen", includes: "jobs" }, { inventory: true }] },
        choices: [{ value: "retried", label: "Retried", symptoms: ["repeated-retries"] }],
      },
    ];
    const start = ticketStart({ ...pack, questions }, ticket({ description: "The sync job kept retrying all night." }), ctx);
    expect(Object.fromEntries(start.answers)).toEqual({});
  });
});
