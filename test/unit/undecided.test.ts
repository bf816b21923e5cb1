import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { triage } from "../../src/engine/triage.js";
import type { Decision } from "../../src/engine/types.js";
import { loadIncident } from "../../src/load/loadIncident.js";
import { loadInventory } from "../../src/load/loadInventory.js";
import type { Incident } from "../../src/load/schema/incident.js";
import { formatMarkdown } from "../../src/report/formatMarkdown.js";
import { formatTriageText } from "../../src/report/formatText.js";
import { portfolio } from "../../src/engine/portfolio.js";
import { PLAIN } from "../../src/report/style.js";
import { builtinPack, NOW, ROOT } from "../helpers.js";
import { THIN_TICKET } from "../tools/thinTicket.js";

const pack = await builtinPack();
const invFile = `${ROOT}fixtures/inventory.yaml`;
const inventory = loadInventory(invFile, readFileSync(invFile, "utf8"));
const undecided = (d: Decision) => {
  if (d.decision !== "insufficient-evidence") throw new Error(`expected insufficient-evidence, got ${d.decision}`);
  return d;
};

describe("insufficient-evidence is never silent", () => {
  const t = triage(loadIncident("thin.yaml", THIN_TICKET, pack).incident, pack, undefined, { now: NOW });

  it("a 150-word ticket that detects nothing still names the questions that would decide it", () => {
    expect(THIN_TICKET.split(/\s+/).length).toBeGreaterThan(140);
    const d = undecided(t.decision);
    expect(d).toMatchObject({ leans: "none", why: [{ reason: "nothing-found" }] });
    expect(d.ask.length).toBeGreaterThanOrEqual(1);
    expect(d.ask.length).toBeLessThanOrEqual(3);
    for (const id of d.ask) expect(pack.questions.map((q) => q.id)).toContain(id);
    // With no lean, one question for each side comes first.
    const sides = d.ask.slice(0, 2).map((id) => pack.questions.find((q) => q.id === id)!.choices!.flatMap((c) => c.symptoms ?? []).map((s) => pack.symptoms.get(s)!.leaning));
    expect(sides[0]).toContain("coordination");
    expect(sides[1]).toContain("attribution");
  });

  it("text and Markdown show the lean, the reasons and the questions in words", () => {
    const text = formatTriageText(t, pack, PLAIN);
    expect(text).toContain("To decide\n  Leans neither way; nothing was detected.\n  1. What happened to the jobs? (jobs)\n");
    const md = formatMarkdown({ results: [t], batch: false, summary: portfolio([t]), errors: [], pack, style: PLAIN });
    expect(md).toContain("### To decide\n\nLeans neither way; nothing was detected.\n\n1. What happened to the jobs? (`jobs`)");
  });

  it("posture alone leans, says so, and asks first what would confirm the lean", () => {
    const incident: Incident = { apiVersion: "nhi-triage/v1", kind: "Incident", id: "P", affected: { identities: ["svc-deploy"] } };
    const d = undecided(triage(incident, pack, inventory, { now: NOW }).decision);
    expect(d).toMatchObject({ leans: "identity", why: [{ reason: "too-little-weight", weight: 1, needed: 2 }, { reason: "posture-only" }] });
    expect(d.ask[0]).toBe("access");
  });

  it("each question asked can decide it: one of its answers makes a decision", () => {
    for (const incident of [
      loadIncident("thin.yaml", THIN_TICKET, pack).incident,
      { apiVersion: "nhi-triage/v1", kind: "Incident", id: "P", affected: { identities: ["svc-deploy"] } } satisfies Incident,
    ]) {
      const d = undecided(triage(incident, pack, inventory, { now: NOW }).decision);
      for (const id of d.ask) {
        const q = pack.questions.find((x) => x.id === id)!;
        const decides = q.choices!.some((c) => triage({ ...incident, symptoms: c.symptoms ?? [] }, pack, inventory, { now: NOW }).decision.decision !== "insufficient-evidence");
        expect(decides, id).toBe(true);
      }
    }
  });
});
