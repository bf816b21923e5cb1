import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { triage } from "../../src/engine/triage.js";
import { loadIncident } from "../../src/load/loadIncident.js";
import { builtinPack, NOW, ROOT } from "../helpers.js";

// Fourteen public incidents retold as free-text tickets (no symptom codes, no inventory),
// each with the practitioner's answer in its header. They measure detection on words the
// rules were not written from; the floor below guards against regressions.
const DIR = `${ROOT}fixtures/real-incidents`;
const FLOOR = 13;

describe("real public incidents, free text only", () => {
  it(`at least ${FLOOR} of 14 reach the practitioner's answer`, async () => {
    const pack = await builtinPack();
    const rows = readdirSync(DIR)
      .filter((f) => f.endsWith(".yaml"))
      .sort()
      .map((f) => {
        const text = readFileSync(`${DIR}/${f}`, "utf8");
        const expected = /practitioner's answer: ([a-z-]+)/.exec(text)![1];
        const containExpected = /contain first/.test(text);
        const t = triage(loadIncident(f, text, pack).incident, pack, undefined, { now: NOW });
        return { id: t.incident, expected, got: t.decision.decision, containExpected, contain: t.contain.length > 0 };
      });
    expect(rows).toHaveLength(14);
    const hits = rows.filter((r) => r.expected === r.got);
    console.log(rows.map((r) => `${r.expected === r.got ? "hit " : "MISS"} ${r.id} expected ${r.expected}, got ${r.got}`).join("\n"));
    expect(hits.length).toBeGreaterThanOrEqual(FLOOR);
    // Every ticket whose practitioner says "contain first" gets containment.
    expect(rows.filter((r) => r.containExpected && !r.contain).map((r) => r.id)).toEqual([]);
  });
});
