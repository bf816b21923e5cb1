import { describe, expect, it } from "vitest";
import { blocks, MAX_BLOCK } from "../../src/engine/text/blocks.js";
import { readableEnd } from "../../src/engine/text/textLimit.js";

describe("readableEnd: where a long text is cut", () => {
  it("a text within the limit is read whole", () => {
    expect(readableEnd("The job retried. It failed.", 100)).toBe(27);
  });

  it("a longer text is cut after the last full stop before the limit, never inside a sentence", () => {
    const text = "The job retried twice. The token leaked to a public repo.";
    const end = readableEnd(text, 40);
    expect(text.slice(0, end)).toBe("The job retried twice.");
  });

  it("a text with no sentence end is cut at a space", () => {
    expect("second run second run".slice(0, readableEnd("second run second run", 15))).toBe("second run");
  });
});

describe("blocks: a paragraph of megabytes in bounded pieces", () => {
  it("no piece is longer than MAX_BLOCK, each ends after a full stop, and together they are the text at its own offsets", () => {
    const text = "The job retried twice. ".repeat(10_000).trimEnd();
    const got = [...blocks(text)];
    expect(got.length).toBeGreaterThan(3);
    for (const b of got) {
      expect(b.text.length).toBeLessThanOrEqual(MAX_BLOCK);
      expect(text.slice(b.start, b.start + b.text.length)).toBe(b.text);
      expect(b.text.trimEnd().endsWith(".")).toBe(true);
    }
    expect(got.map((b) => b.text).join("")).toBe(text);
  });

  it("a short paragraph stays one block", () => {
    expect([...blocks("The job retried twice. Then it stopped.")]).toEqual([{ start: 0, text: "The job retried twice. Then it stopped." }]);
  });
});
