import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonChunks, LazyList } from "../../src/report/jsonChunks.js";

/** Documents with lists to write in pieces at any depth: LazyLists, and arrays long enough. */
const doc = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.double({ noNaN: true })),
    fc.dictionary(fc.string({ maxLength: 4 }), tie("value"), { maxKeys: 4 }),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.constant(undefined)), { minLength: 500, maxLength: 1200 }),
    fc.array(fc.integer(), { maxLength: 1100 }).map((xs) => new LazyList(xs, (x) => ({ x, half: x / 2, list: [x, String(x)] }))),
  ),
}));

describe("jsonChunks", () => {
  it("writes the bytes of JSON.stringify(doc, null, 2) plus a newline, whatever the depth of its lists", () => {
    fc.assert(
      fc.property(doc.value, (value) => {
        const pieces = [...jsonChunks(value)];
        expect(pieces.join("")).toBe(`${JSON.stringify(value, null, 2) ?? "null"}\n`);
      }),
      { numRuns: 400 },
    );
  });

  it("writes a nested list of 600,000 items in pieces, none longer than a few hundred items", () => {
    const results = new LazyList(Array.from({ length: 600_000 }, (_, i) => i), (i) => ({ ruleId: "R", message: { text: `finding ${i}` } }));
    let longest = 0;
    let count = 0;
    for (const piece of jsonChunks({ version: "2.1.0", runs: [{ tool: { name: "t" }, results, properties: { n: 1 } }] })) {
      longest = Math.max(longest, piece.length);
      count++;
    }
    expect(count).toBeGreaterThan(1000);
    expect(longest).toBeLessThan(100_000);
  });
});
