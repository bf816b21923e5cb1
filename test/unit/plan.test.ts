import { describe, expect, it } from "vitest";
import { triage } from "../../src/engine/triage.js";
import type { Incident } from "../../src/load/schema/incident.js";
import { builtinPack, NOW } from "../helpers.js";

const incident = (over: Partial<Incident>): Incident => ({ apiVersion: "nhi-triage/v1", kind: "Incident", id: "T-1", ...over });

describe("the sequenced plan", () => {
  it("puts containment first when a secret leaked, then the leading layer, prerequisites before dependents", async () => {
    const pack = await builtinPack();
    const t = triage(incident({ symptoms: ["leaked-secret", "long-lived-secret", "repeated-retries"], description: "The sub-agent inherited the parent's full scope." }), pack, undefined, { now: NOW });
    expect(t.decision.decision).toBe("identity-first");
    const layers = t.plan.map((s) => s.layer);
    expect(layers[0]).toBe("containment");
    expect(layers.lastIndexOf("containment")).toBeLessThan(layers.indexOf("identity"));
    expect(layers.indexOf("identity")).toBeLessThan(layers.indexOf("orchestration"));
    expect(t.contain.map((s) => s.control)).toEqual(t.plan.filter((s) => s.layer === "containment").map((s) => s.control));
    const position = new Map(t.plan.map((s) => [s.control, s.order]));
    for (const s of t.plan) for (const a of s.after) expect(position.get(a)!).toBeLessThan(s.order);
    expect(new Set(t.plan.map((s) => s.control)).size).toBe(t.plan.length);
  });

  it("pulls in prerequisites no finding names, and orders them first", async () => {
    const pack = await builtinPack();
    const t = triage(incident({ symptoms: ["privileged-step-replayed"] }), pack, undefined, { now: NOW });
    const controls = t.plan.map((s) => s.control);
    expect(controls).toContain("CTL-EXPLICIT-STATE");
    expect(controls.indexOf("CTL-EXPLICIT-STATE")).toBeLessThan(controls.indexOf("CTL-IDEMPOTENT-STEPS"));
    expect(t.plan.find((s) => s.control === "CTL-EXPLICIT-STATE")!.because).toEqual([]);
  });

  it("has no containment without an active compromise or a leaked secret", async () => {
    const pack = await builtinPack();
    const t = triage(incident({ symptoms: ["repeated-retries", "inconsistent-state"] }), pack, undefined, { now: NOW });
    expect(t.contain).toEqual([]);
    expect(t.plan[0]!.layer).toBe("orchestration");
  });

  it("contains first when the compromise is active, whatever the decision", async () => {
    const pack = await builtinPack();
    const t = triage(incident({ active: true, symptoms: ["repeated-retries", "lost-approval"] }), pack, undefined, { now: NOW });
    expect(t.decision.decision).toBe("orchestration-first");
    expect(t.plan[0]!.layer).toBe("containment");
    expect(t.rationale).toContain("The compromise is active: contain first");
  });

  it("every step carries OWASP NHI, NIST CSF 2.0 and MAESTRO references, deduplicated", async () => {
    const pack = await builtinPack();
    const t = triage(incident({ symptoms: ["leaked-secret", "shared-service-account", "shared-run-state", "lost-approval"] }), pack, undefined, { now: NOW });
    for (const s of t.plan) {
      expect(s.refs.owaspNhi.length * s.refs.nistCsf.length * s.refs.maestro.length).toBeGreaterThan(0);
      const all = [...s.refs.owaspNhi, ...s.refs.nistCsf, ...s.refs.maestro, ...s.refs.other];
      expect(new Set(all).size).toBe(all.length);
    }
  });

  it("the rationale cites the evidence", async () => {
    const pack = await builtinPack();
    const t = triage(incident({ description: "The nightly job kept retrying and ran the migration twice." }), pack, undefined, { now: NOW });
    expect(t.decision.decision).toBe("orchestration-first");
    expect(t.rationale).toMatch(/which system acts next/);
    expect(t.rationale).toContain('"kept retrying"');
  });
});
