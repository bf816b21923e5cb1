import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstMatch, type Meter } from "../../src/engine/firstMatch.js";
import { searchedMatch as searched } from "../tools/searchedMatch.js";

const sortedSet = (max: number) => fc.uniqueArray(fc.integer({ min: 0, max }), { maxLength: 12 }).map((xs) => xs.sort((a, b) => a - b));

describe("firstMatch", () => {
  it("chooses exactly what the depth-first search chose, on random candidates", () => {
    let found = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }).chain((max) => fc.tuple(fc.array(sortedSet(max), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 16 }))), ([candidates, span]) => {
        const expected = searched(candidates, span);
        if (expected) found++;
        expect(firstMatch(candidates, span)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
    // Both outcomes are exercised, not only "no match".
    expect(found).toBeGreaterThan(300);
    expect(found).toBeLessThan(2700);
  });

  it("agrees on crowded candidates, where terms compete for the same few positions", () => {
    fc.assert(
      fc.property(fc.array(sortedSet(8), { minLength: 2, maxLength: 6 }), fc.integer({ min: 0, max: 6 }), (candidates, span) => {
        expect(firstMatch(candidates, span)).toEqual(searched(candidates, span));
      }),
      { numRuns: 3000 },
    );
  });

  it("does work linear in the candidates where the search multiplied its dead ends", () => {
    // Five terms crowd every block of 14 words; the sixth is always too far from them, so the
    // search tried every combination of the five near each first word before giving up.
    const crafted = (n: number) => {
      const dense = Array.from({ length: n }, (_, i) => i).filter((i) => i % 60 < 14);
      const far = Array.from({ length: n }, (_, i) => i).filter((i) => i % 60 === 37);
      return [dense, dense, dense, dense, dense, far];
    };
    const work = (n: number) => {
      const meter: Meter = { steps: 0 };
      expect(firstMatch(crafted(n), 15, meter)).toBeUndefined();
      return meter.steps;
    };
    const small = work(6000);
    const large = work(12000);
    expect(small).toBeGreaterThan(0);
    expect(large).toBeLessThanOrEqual(2.2 * small);
    // A few hundred steps per candidate at most, however the candidates are laid out.
    expect(large / (6 * 12000)).toBeLessThan(400);
  });
});
