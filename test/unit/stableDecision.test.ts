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
