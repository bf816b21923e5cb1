import { describe, expect, it } from "vitest";
import type { Condition } from "../../src/load/schema/rules.js";
import { builtinPack } from "../helpers.js";

function symptomsIn(c: Condition): string[] {
  if ("all" in c) return c.all.flatMap(symptomsIn);
  if ("any" in c) return c.any.flatMap(symptomsIn);
  if ("not" in c) return [];
  if ("symptom" in c) return [c.symptom];
  return [];
}

describe("the built-in rule pack", () => {
  it("loads and validates", async () => {
    const pack = await builtinPack();
    expect(pack.rules.length).toBeGreaterThanOrEqual(40);
    expect(pack.symptoms.size).toBeGreaterThanOrEqual(31);
  });

  it("every reference in rules and controls resolves in the catalog", async () => {
    const pack = await builtinPack();
    const refs = [...pack.rules.flatMap((r) => r.refs.map((ref) => [r.id, ref])), ...[...pack.controls.values()].flatMap((c) => c.refs.map((ref) => [c.id, ref]))];
    expect(refs.length).toBeGreaterThan(100);
    expect(refs.filter(([, ref]) => !pack.catalog.has(ref!))).toEqual([]);
  });

  it("the catalog holds no CSF 1.1 identifiers", async () => {
    const pack = await builtinPack();
    const csf11 = /^(PR\.(AC|PT|IP|MA)|ID\.(BE|GV|RM|SC)|DE\.DP|RS\.(RP|IM)|RC\.IM)-?\d/;
    expect([...pack.catalog.keys()].filter((k) => csf11.test(k))).toEqual([]);
  });

  it("every symptom code in SPEC.md is in the vocabulary", async () => {
    const pack = await builtinPack();
    const spec = [
      "repeated-retries", "privileged-step-replayed", "missed-handoff", "inconsistent-state", "duplicate-action", "lost-approval",
      "out-of-order-execution", "shared-run-state", "no-compensation", "fragmented-policy", "manual-provisioning", "delayed-deprovisioning",
      "inconsistent-entitlement-approval", "unexpected-access", "privilege-creep", "unclear-ownership", "shared-service-account",
      "long-lived-secret", "leaked-secret", "token-overreach", "unattributable-action", "delegated-scope-inheritance", "approval-token-reuse",
      "human-use-of-nhi", "orphaned-identity", "cross-tenant-credential", "tool-chaining-escalation", "credentials-embedded-in-orchestrator",
      "token-encodes-business-logic",
    ];
    expect(spec.filter((c) => !pack.symptoms.has(c))).toEqual([]);
  });

  it("every symptom code is reachable: some rule tests it, and free text can detect it", async () => {
    const pack = await builtinPack();
    const tested = new Set(pack.rules.flatMap((r) => symptomsIn(r.when)));
    // A phrase or a frame over concepts: either reads the symptom in a ticket.
    const detectable = new Set([...pack.detectors.detectors.map((d) => d.code), ...pack.detectors.frames.frames.map((f) => f.code)]);
    const codes = [...pack.symptoms.keys()];
    expect(codes.filter((c) => !tested.has(c))).toEqual([]);
    expect(codes.filter((c) => !detectable.has(c))).toEqual([]);
  });

  it("every domain reasoning line is encoded by at least one rule", async () => {
    const pack = await builtinPack();
    const encoded = new Set(pack.rules.flatMap((r) => r.encodes ?? []));
    expect(pack.domain.map((d) => d.key).filter((k) => !encoded.has(k))).toEqual([]);
  });

  it("every control cites OWASP NHI, NIST CSF 2.0 and MAESTRO", async () => {
    const pack = await builtinPack();
    for (const c of pack.controls.values()) {
      const groups = new Set(c.refs.map((r) => pack.catalog.get(r)?.group));
      expect([c.id, groups.has("owaspNhi"), groups.has("nistCsf"), groups.has("maestro")]).toEqual([c.id, true, true, true]);
    }
  });

  it("every control is called for by some rule or required by one that is", async () => {
    const pack = await builtinPack();
    const used = new Set(pack.rules.flatMap((r) => r.controls));
    for (const c of pack.controls.values()) for (const r of c.requires ?? []) used.add(r);
    expect([...pack.controls.keys()].filter((id) => !used.has(id))).toEqual([]);
  });
});
