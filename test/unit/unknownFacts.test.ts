import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inventorySubjects } from "../../src/engine/buildSubjects.js";
import { evaluateCondition } from "../../src/engine/evaluateCondition.js";
import { FACT_NAMES } from "../../src/engine/factCatalog.js";
import { mayBeUnknown } from "../../src/engine/mayBeUnknown.js";
import { portfolio } from "../../src/engine/portfolio.js";
import { scoreFindings } from "../../src/engine/classify.js";
import { triage } from "../../src/engine/triage.js";
import { UNKNOWN } from "../../src/engine/truth.js";
import { ANALYZE_FORMATTERS } from "../../src/report/analyzeFormatters.js";
import { PLAIN } from "../../src/report/style.js";
import { runGate } from "../../src/gate/runGate.js";
import { loadInventory } from "../../src/load/loadInventory.js";
import { builtinPack, NOW, ROOT } from "../helpers.js";

const BARE = "fixtures/unknown/bare.yaml";
const bare = loadInventory(BARE, readFileSync(`${ROOT}${BARE}`, "utf8"));
const pack = await builtinPack();
const posture = pack.rules.filter((r) => r.scope === "inventory");
const gate = runGate({ pack, head: bare, base: { kind: "none" }, waivers: [], now: NOW, failOn: "high", strict: false });

describe("every posture rule on an inventory with every optional field missing", () => {
  it("the inventory leaves each kind of entry bare, with and without an identity", () => {
    const kinds = inventorySubjects(bare).map((s) => `${s.kind}${s.identity ? "+identity" : ""}`);
    expect(new Set(kinds)).toEqual(new Set(["identity+identity", "workflow", "step", "step+identity", "agent", "agent+identity"]));
  });

  it.each(posture.map((r) => [r.id, r] as const))("%s fires as unknown in its own words, or says in its data why unknown is safe", (_id, rule) => {
    const subjects = inventorySubjects(bare).filter((s) => s.kind === rule.subject);
    expect(subjects.length).toBeGreaterThan(0);
    let undecided = 0;
    for (const subject of subjects) {
      const r = evaluateCondition(rule.when, { subject, ctx: { active: false, now: NOW, privileges: pack.privileges }, symptoms: new Map() });
      const found = gate.new.filter((f) => f.rule === rule.id && f.subject === subject.ref);
      if (r.truth === false) {
        expect(found, subject.ref).toEqual([]);
        continue;
      }
      if (r.truth === true) {
        expect(found.map((f) => f.unknown), subject.ref).toEqual([undefined]);
        continue;
      }
      undecided++;
      expect(r.truth).toBe(UNKNOWN);
      expect(mayBeUnknown(rule.when, rule.subject), "the static check must foresee every unknown").toBe(true);
      expect(r.unknown.length, subject.ref).toBeGreaterThan(0);
      for (const fact of r.unknown) expect(FACT_NAMES).toContain(fact);
      if (rule.unknownSafe !== undefined) {
        expect(rule.unknownSafe.trim().length, "a reason in words").toBeGreaterThan(20);
        expect(found, `${subject.ref}: unknown is safe for it, so it stays silent`).toEqual([]);
        continue;
      }
      expect(rule.whenUnknown, `${rule.id} must word its unknown finding (whenUnknown) or say why unknown is safe (unknownSafe)`).toBeDefined();
      expect(found.length, subject.ref).toBe(1);
      const f = found[0]!;
      expect(f.unknown, subject.ref).toEqual([...new Set(r.unknown)]);
      expect(f.title).toBe(rule.whenUnknown!.title);
      expect(f.severity).toBe(rule.whenUnknown!.severity ?? rule.severity);
      expect(f.evidence.some((e) => /unknown \((no \w+|[\w.]+( not)?) recorded/.test(e)), f.evidence.join("; ")).toBe(true);
    }
    // A reason why unknown is safe must be about something that can be unknown. (A rule with
    // whenUnknown shows it in a rule case; NHI-UNUSED-PRIVILEGED, say, needs privileges recorded.)
    if (rule.unknownSafe !== undefined) expect(undecided, `${rule.id} says why unknown is safe but is never unknown here`).toBeGreaterThan(0);
  });

  it("no posture rule is left undecided without saying what it does", () => {
    const silent = posture.filter((r) =>
      inventorySubjects(bare)
        .filter((s) => s.kind === r.subject)
        .some((subject) => evaluateCondition(r.when, { subject, ctx: { active: false, now: NOW, privileges: pack.privileges }, symptoms: new Map() }).truth === UNKNOWN),
    );
    expect(silent.filter((r) => !r.whenUnknown && r.unknownSafe === undefined).map((r) => r.id)).toEqual([]);
    // Most of them: an inventory that says nothing is mostly unknown, not mostly fine.
    expect(silent.length).toBeGreaterThan(15);
  });
});

describe("unknown findings in analyze", () => {
  const incident = {
    apiVersion: "nhi-triage/v1" as const,
    kind: "Incident" as const,
    id: "INC-BARE",
    description: "The migration job kept retrying and ran twice.",
    affected: { identities: ["bare-identity"], workflows: ["bare-workflow"], agents: ["bare-agent-with-identity"] },
  };
  const t = triage(incident, pack, bare, { now: NOW });
  const unknown = t.findings.filter((f) => f.unknown);

  it("are listed in the rule's own words, and weigh nothing in the decision or the plan", () => {
    expect(unknown.length).toBeGreaterThan(10);
    const ruleById = new Map(pack.rules.map((r) => [r.id, r]));
    for (const f of unknown) expect(f.title, f.rule).toBe(ruleById.get(f.rule)!.whenUnknown?.title ?? ruleById.get(f.rule)!.title);
    expect(t.scores).toEqual(scoreFindings(t.findings.filter((f) => !f.unknown), pack.decision));
    // They would have scored: their rules do not also fire as known findings.
    expect(scoreFindings(unknown, pack.decision).attribution + scoreFindings(unknown, pack.decision).coordination).toBeGreaterThan(0);
    const known = new Set(t.findings.filter((f) => !f.unknown).map((f) => f.rule));
    for (const step of [...t.plan, ...t.contain]) for (const rule of step.because) expect(known.has(rule), `${step.control} answers ${rule}`).toBe(true);
  });

  it.each(Object.keys(ANALYZE_FORMATTERS))("%s marks them unknown", (format) => {
    const report = { results: [t], batch: false, summary: portfolio([t]), errors: [], pack, style: PLAIN, inventory: bare };
    const text = ANALYZE_FORMATTERS[format as keyof typeof ANALYZE_FORMATTERS](report);
    const f = unknown.find((x) => x.rule === "NHI-UNSAFE-RETRY")!;
    if (format === "json" || format === "ndjson") {
      const doc = JSON.parse(format === "ndjson" ? text.split("\n")[0]! : text);
      expect(doc.findings.find((x: { rule: string; unknown?: string[] }) => x.rule === f.rule && x.unknown)?.unknown).toEqual(f.unknown);
    } else if (format === "sarif") {
      const results = JSON.parse(text).runs[0].results as Array<{ ruleId: string; message: { text: string }; properties: { unknown?: string[] } }>;
      const r = results.find((x) => x.ruleId === f.rule && x.properties.unknown);
      expect(r?.message.text).toContain(`${f.title} (unknown)`);
    } else {
      expect(text).toContain(`${f.title}${format === "text" ? " (unknown)" : ""}`);
      expect(text).toContain(format === "text" ? "unknown, not scored" : `${f.severity} (unknown)`);
    }
  });
});
