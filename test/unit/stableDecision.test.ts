import { describe, expect, it } from "vitest";
import { triage } from "../../src/engine/triage.js";
import type { AnswerValue } from "../../src/interview/session.js";
import { toIncident } from "../../src/interview/toIncident.js";
import { builtinPack, NOW } from "../helpers.js";

const pack = await builtinPack();
const ctx = { hasInventory: false };
const description = "the nightly deploy fired twice and re-applied a migration";
const interview = (answers: Record<string, AnswerValue>) =>
  triage(toIncident(pack.questions, new Map(Object.entries({ title: "Nightly deploy", description, "incident-id": "INC-1", ...answers })), ctx), pack, undefined, { now: NOW });

describe("the interview case: posture answers do not flip an observed-led incident", () => {
  it("a static token that CI stores keeps orchestration-first, and the plan opens with an orchestration step", () => {
    const alone = interview({ seen: ["unsure"] });
    expect(alone.decision).toMatchObject({ decision: "orchestration-first", on: "observed" });
    const withPosture = interview({ seen: ["credential"], credential: ["long-lived", "orchestrator"], active: "contained" });
    // The answers are counted: they show, and they make the call less sure.
    expect(withPosture.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(["ID-LONG-LIVED-SECRET", "BOUNDARY-EMBEDDED-CREDENTIALS"]));
    expect(withPosture.decision).toMatchObject({ decision: "orchestration-first", on: "observed" });
    expect(withPosture.decision.confidence).toBeLessThan(alone.decision.confidence);
    const first = withPosture.plan.find((s) => s.layer !== "containment")!;
    expect(first.layer).toBe("orchestration");
    expect(first.control).not.toBe("CTL-SHORT-LIVED-CREDENTIALS");
    expect(withPosture.plan.findIndex((s) => s.control === "CTL-IDEMPOTENT-STEPS")).toBeLessThan(withPosture.plan.findIndex((s) => s.control === "CTL-SHORT-LIVED-CREDENTIALS"));
  });
});

describe("standing symptoms: how things stand is posture, what happened is evidence", () => {
  const incident = (symptoms: Array<string | { code: string; standing?: boolean }>) =>
    triage({ apiVersion: "nhi-triage/v1", kind: "Incident", id: "INC-S", description, symptoms }, pack, undefined, { now: NOW });
  const basisOf = (t: ReturnType<typeof incident>, rule: string) => t.findings.find((f) => f.rule === rule)?.basis;

  it("a symptom declared standing is a condition finding, and does not turn a clear lead into both", () => {
    const t = incident([{ code: "credentials-embedded-in-orchestrator", standing: true }]);
    expect(basisOf(t, "BOUNDARY-EMBEDDED-CREDENTIALS")).toBe("condition");
    expect(t.decision).toMatchObject({ decision: "orchestration-first", on: "observed" });
  });

  it("the same symptom declared as what happened is observed evidence and can make it both", () => {
    const t = incident(["credentials-embedded-in-orchestrator"]);
    expect(basisOf(t, "BOUNDARY-EMBEDDED-CREDENTIALS")).toBe("observed");
    expect(t.decision.decision).toBe("both");
  });

  it("declared once plainly, it is what happened, whatever order the two declarations come in", () => {
    for (const symptoms of [["credentials-embedded-in-orchestrator", { code: "credentials-embedded-in-orchestrator", standing: true }], [{ code: "credentials-embedded-in-orchestrator", standing: true }, "credentials-embedded-in-orchestrator"]]) {
      expect(basisOf(incident(symptoms), "BOUNDARY-EMBEDDED-CREDENTIALS")).toBe("observed");
    }
  });

  it("the interview declares the credential's keeping standing, and what was seen plainly", () => {
    const i = toIncident(pack.questions, new Map(Object.entries({ title: "t", description, "incident-id": "INC-1", seen: ["credential"], credential: ["leaked", "orchestrator"] })), ctx);
    expect(i.symptoms).toEqual(["leaked-secret", { code: "credentials-embedded-in-orchestrator", standing: true }]);
  });

  it("jobs that acted with what the engine stores is what happened, and outweighs the same code declared standing", () => {
    const i = toIncident(pack.questions, new Map(Object.entries({ title: "t", description, "incident-id": "INC-1", seen: ["credential"], credential: ["orchestrator", "orchestrator-used"] })), ctx);
    expect(i.symptoms).toEqual(["credentials-embedded-in-orchestrator"]);
    const used = toIncident(pack.questions, new Map(Object.entries({ title: "t", description, "incident-id": "INC-1", seen: ["credential"], credential: ["orchestrator-used"] })), ctx);
    expect(used.symptoms).toEqual(["credentials-embedded-in-orchestrator"]);
  });
});
