import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyWaivers } from "../../src/gate/applyWaivers.js";
import type { GateFinding } from "../../src/gate/types.js";
import type { LocatedWaiver } from "../../src/load/loadWaivers.js";
import { NOW } from "../helpers.js";
import { scannedWaivers } from "../tools/scannedWaivers.js";

const finding = (rule: string, subject: string, n: number): GateFinding => ({
  fingerprint: `fp-${n}-${rule}-${subject}`,
  rule,
  title: "t",
  defect: "attribution",
  severity: "high",
  subject,
  evidence: [],
  controls: [],
  refs: [],
  location: { file: "inv.yaml", line: n + 1, column: 1 },
  origin: "posture",
});

const waiver = (rule: string, subject: string, expires: string, n: number): LocatedWaiver => ({ rule, subject, reason: "r", owner: "o", expires, file: "w.yaml", line: n + 1, column: 5 });

const RULES = ["R-A", "R-B", "R-C"];
// Few letters, so globs and subjects often overlap, tails and heads included.
const text = fc.string({ unit: fc.constantFrom("a", "b", ":", "-", "/"), maxLength: 6 });
const subject = fc.tuple(fc.constantFrom("identity:", "workflow:", "agent:", ""), text).map(([k, s]) => k + s);
const glob = fc.oneof(
  fc.array(fc.oneof(text, fc.constant("*")), { minLength: 1, maxLength: 5 }).map((parts) => parts.join("")),
  // Short or no text around the stars, a longer piece between them (`*:id-12*`).
  fc.tuple(fc.constantFrom("", "a", "id"), fc.string({ unit: fc.constantFrom("a", "b", ":", "-"), minLength: 3, maxLength: 6 }), fc.constantFrom("", "b")).map(([h, m, t]) => `${h}*${m}*${t}`),
);

describe("applyWaivers", () => {
  it("waives, expires and calls stale exactly as trying every waiver on every finding did", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...RULES), subject), { maxLength: 30 }),
        fc.array(fc.tuple(fc.constantFrom(...RULES), fc.oneof(subject, glob), fc.constantFrom("2026-01-01", "2027-01-01")), { maxLength: 30 }),
        fc.nat({ max: 30 }),
        (fs, ws, split) => {
          const findings = fs.map(([r, s], i) => finding(r, s, i));
          const found = { new: findings.slice(0, split), existing: findings.slice(split) };
          const waivers = ws.map(([r, s, e], i) => waiver(r, s, e, i));
          expect(applyWaivers(found, waivers, NOW)).toEqual(scannedWaivers(found, waivers, NOW));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("looks at each waiver a bounded number of times, not once per finding", () => {
    // Counts reads of a waiver's rule: trying every waiver on every finding read it findings × waivers times.
    const looks = (n: number) => {
      let reads = 0;
      const waivers = Array.from({ length: n }, (_, i) => {
        const w = waiver("R-A", i % 3 === 0 ? `identity:id-${i}*` : `identity:id-${i}`, i % 5 === 0 ? "2026-01-01" : "2027-01-01", i);
        return Object.defineProperty(w, "rule", { get: () => (reads++, "R-A"), enumerable: true });
      });
      const findings = Array.from({ length: n }, (_, i) => finding(i % 2 ? "R-A" : "R-B", `identity:id-${i * 2}`, i));
      const out = applyWaivers({ new: findings, existing: [] }, waivers, NOW);
      expect(out.waived.length + out.open.new.length).toBe(n);
      return reads;
    };
    const small = looks(2000);
    const large = looks(4000);
    expect(small).toBeGreaterThan(0);
    expect(large).toBeLessThanOrEqual(2.2 * small);
  });
});
