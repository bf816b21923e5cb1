import { describe, expect, it } from "vitest";
import type { Condition, Operator } from "../../src/load/schema/rules.js";
import { renderCondition } from "../../src/report/renderCondition.js";
import { builtinPack } from "../helpers.js";

describe("renderCondition", () => {
  it("renders nested groups as indented items, with the unknown-is-not-safe operators spelled out", () => {
    const c: Condition = {
      all: [
        { any: [{ symptom: "repeated-retries" }, { symptom: "privileged-step-replayed" }] },
        { fact: "step.retries", gt: 0 },
        { fact: "step.idempotent", notEquals: true },
        { not: { all: [{ fact: "step.logs", excludes: "actor" }, { symptom: "duplicate-action" }] } },
      ],
    };
    expect(renderCondition(c)).toEqual([
      "all of:",
      "- any of:",
      "  - symptom repeated-retries",
      "  - symptom privileged-step-replayed",
      "- step.retries > 0",
      "- step.idempotent is not proven true (notEquals true: also holds when unknown)",
      "- not:",
      "  - all of:",
      "    - step.logs is not proven to include actor (excludes actor: also holds when unknown)",
      "    - symptom duplicate-action",
    ]);
  });

  it("a single test is one line", () => {
    expect(renderCondition({ symptom: "leaked-secret" })).toEqual(["symptom leaked-secret"]);
    expect(renderCondition({ fact: "identity.owner", present: false })).toEqual(["identity.owner is not recorded (unknown)"]);
  });

  it("handles every operator of the schema", () => {
    const samples: Record<Operator, [Condition, string]> = {
      equals: [{ fact: "identity.kind", equals: "bot" }, "identity.kind is bot"],
      notEquals: [{ fact: "identity.humanUse", notEquals: false }, "identity.humanUse is not proven false (notEquals false: also holds when unknown)"],
      in: [{ fact: "identity.credential.type", in: ["static-secret", "password"] }, "identity.credential.type is one of static-secret, password"],
      gt: [{ fact: "step.retries", gt: 0 }, "step.retries > 0"],
      gte: [{ fact: "identity.teamCount", gte: 2 }, "identity.teamCount >= 2"],
      lt: [{ fact: "identity.daysSinceUse", lt: 30 }, "identity.daysSinceUse < 30"],
      lte: [{ fact: "agent.toolCount", lte: 5 }, "agent.toolCount <= 5"],
      present: [{ fact: "identity.owner", present: true }, "identity.owner is recorded"],
      includes: [{ fact: "agent.tools", includes: "shell" }, "agent.tools includes shell"],
      includesAny: [{ fact: "identity.privileges", includesAny: ["prod:write", "prod:admin"] }, "identity.privileges includes any of prod:write, prod:admin"],
      excludes: [{ fact: "step.logs", excludes: "decision" }, "step.logs is not proven to include decision (excludes decision: also holds when unknown)"],
    };
    for (const [c, line] of Object.values(samples)) expect(renderCondition(c)).toEqual([line]);
  });

  it("renders every built-in rule without a fallback", async () => {
    const pack = await builtinPack();
    const lines = [...pack.rules.map((r) => r.when), ...pack.changes.flatMap((c) => ("when" in c && c.when ? [c.when] : []))].flatMap(renderCondition);
    expect(lines.filter((l) => l.includes("(no operator)"))).toEqual([]);
  });
});
