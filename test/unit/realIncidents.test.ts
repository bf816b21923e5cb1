import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { triage } from "../../src/engine/triage.js";
import { readExpectation } from "../../src/eval/readExpectation.js";
import { loadIncident } from "../../src/load/loadIncident.js";
import { builtinPack, NOW, ROOT } from "../helpers.js";

// Public incidents retold as free-text tickets (no symptom codes, no inventory), each with
// the practitioner's answer in its header. `real-incidents` are the fourteen from shared/
// (13 of 14 on the first run); `blind` are sixteen more, written by someone who had not
// seen the detection phrases (10 of 16 on the first run, before the misses were studied).
// `blind2` are twelve more, also written blind, and not tuned for yet: 9 of 12 is an honest
// first-run figure (the misses: a Kinesis thread limit, a Datadog OS update, Docker Hub's
// leaked tokens). `blind3` are twenty-four more, written blind for the ticket-reading work by
// a helper who never saw the detection data, and never tuned on: 14 of 24 on the first run,
// before that work began (misses: Nx, Verkada, Google Cloud networking 2019, GitHub's secret
// rotation, JumpCloud, Square, ChatGPT's Redis bug, BingBang, DeepSeek, Slack 2021).
// `public-incidents` are forty-two more, retold in their postmortems' own words for issue 15's
// evaluation without sight of the detection data: 21 of 42 before the ticket-reading work
// (docs/evaluation.md has the table). With observed evidence leading the decision (issue 15
// item 5) blind3 is 15 and public-incidents 22; with the text pipeline (lemmas, concepts and
// frames, assertion context) blind2 is 11 and public-incidents 26. `blind4` are twenty-seven
// more, written blind for issue 15 by a helper who saw no rules or code, sealed until the
// pipeline was done and run once on 2026-12-03: 16 of 27 right in full (decision 18 of 27, the floor here; it
// never answered `both` where that was expected, and found a live credential to contain in
// only 6 of 12). On 2026-12-04 concepts for takeover, absent authentication, lapsed
// credentials and knock-on failures took blind3 to 17, blind4's decision to 20 and
// public-incidents to 32 (blind3 and blind4 were read for it, so they are tuning sets now).
// `blind5` and `blind6` are sealed sets of 24, each written blind and scored once (12 of 24
// both): they are looked at only through these floors and the eval's aggregate rows. The
// floors are today's figures, so a change that loses one fails here.
const SETS = [
  { dir: `${ROOT}fixtures/real-incidents`, count: 14, floor: 14 },
  { dir: `${ROOT}fixtures/blind`, count: 16, floor: 16 },
  { dir: `${ROOT}fixtures/blind2`, count: 12, floor: 11 },
  { dir: `${ROOT}fixtures/blind3`, count: 24, floor: 17 },
  { dir: `${ROOT}fixtures/public-incidents`, count: 42, floor: 32 },
  // The first set whose live credentials the tool does not all find: a floor, not all of them.
  { dir: `${ROOT}fixtures/blind4`, count: 27, floor: 20, containFloor: 6 },
  { dir: `${ROOT}fixtures/blind5`, count: 24, floor: 12, containFloor: 11, sealed: true },
  { dir: `${ROOT}fixtures/blind6`, count: 24, floor: 12, containFloor: 12, sealed: true },
];

describe.each(SETS)("public incidents in $dir, free text only", ({ dir: DIR, count, floor: FLOOR, containFloor, sealed }: { dir: string; count: number; floor: number; containFloor?: number; sealed?: boolean }) => {
  it(`at least the floor reach the practitioner's answer`, async () => {
    const pack = await builtinPack();
    const rows = readdirSync(DIR)
      .filter((f) => f.endsWith(".yaml"))
      .sort()
      .map((f) => {
        const text = readFileSync(`${DIR}/${f}`, "utf8");
        const { decision: expected, contain: containExpected } = readExpectation(f, text);
        const t = triage(loadIncident(f, text, pack).incident, pack, undefined, { now: NOW });
        return { id: t.incident, expected, got: t.decision.decision, containExpected, contain: t.contain.length > 0 };
      });
    expect(rows).toHaveLength(count);
    const hits = rows.filter((r) => r.expected === r.got);
    // A sealed set's cases are not shown, so nobody tunes on them by reading a test log.
    if (!sealed) console.log(rows.map((r) => `${r.expected === r.got ? "hit " : "MISS"} ${r.id} expected ${r.expected}, got ${r.got}`).join("\n"));
    expect(hits.length).toBeGreaterThanOrEqual(FLOOR);
    // Every ticket whose practitioner says "contain first" gets containment (in blind4, at least its floor).
    const toContain = rows.filter((r) => r.containExpected);
    if (containFloor === undefined) expect(toContain.filter((r) => !r.contain).map((r) => r.id)).toEqual([]);
    else expect(toContain.filter((r) => r.contain).length).toBeGreaterThanOrEqual(containFloor);
  });
});
