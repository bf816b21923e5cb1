import { describe, expect, it } from "vitest";
import { jsonString } from "../../src/load/jsonString.js";
import { TextMap, TextMapBuilder } from "../../src/load/textMap.js";

/** The file text at the place the map gives for each occurrence of `word` in the mapped text. */
const back = (source: string, map: { text: string; fileOffset(o: number): number }, word: string) => {
  const i = map.text.indexOf(word);
  expect(i, `"${word}" in ${JSON.stringify(map.text)}`).toBeGreaterThanOrEqual(0);
  return source.slice(map.fileOffset(i), map.fileOffset(i) + word.length);
};

describe("TextMap", () => {
  it("maps copied text character by character, and inserted text to the source just read", () => {
    const source = "line one\n  second line here\n";
    const map = new TextMapBuilder(source).copy("one", 5).insert(" — ").copy("second", 11).build();
    expect(map.text).toBe("one — second");
    expect(map.position(0)).toEqual({ line: 1, column: 6 });
    expect(map.position(4)).toEqual({ line: 1, column: 8 });
    expect(map.position(6)).toEqual({ line: 2, column: 3 });
    expect(map.span(6, 12)).toEqual({ start: { line: 2, column: 3 }, end: { line: 2, column: 9 } });
    expect(map.fileOffset(map.text.length)).toBe(17);
  });

  it("trims the ends and runs of blank lines, keeping every character's place", () => {
    const source = "  a  \n\n\n\nb  ";
    const b = new TextMapBuilder(source);
    for (let i = 0; i < source.length; i++) b.copy(source[i]!, i);
    const map = b.build();
    expect(map.text).toBe("a\n\nb");
    expect(map.fileOffset(0)).toBe(2);
    expect(map.fileOffset(3)).toBe(9);
  });

  it("redacts a credential-like value, the marker standing where the value was", () => {
    const token = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    const source = `the token ${token} leaked`;
    const b = new TextMapBuilder(source);
    b.copy(source, 0);
    const map = b.build();
    expect(map.text).not.toContain(token);
    expect(map.text).toMatch(/^the token REDACTED\([a-z-]+\) leaked$/);
    expect(map.fileOffset(map.text.indexOf("REDACTED"))).toBe(10);
    expect(back(source, map, "leaked")).toBe("leaked");
  });

  it("aligns text a parser dropped marks from: emphasis, indents and escapes are stepped over", () => {
    const source = "a **bold**\n   word \\* x";
    const b = new TextMapBuilder(source);
    b.align("a bold\nword * x", 0, source.length);
    const map = b.build();
    expect(back(source, map, "bold")).toBe("bold");
    expect(back(source, map, "word")).toBe("word");
    expect(back(source, map, "* x")).toBe("* x");
  });

  it("maps through another map: text made from a decoded JSON string points into the file", () => {
    const file = '{"body": "a\\nb \\u00e9t\\u00e9 c"}';
    const decoded = jsonString(file, 9)!;
    expect(decoded.text).toBe("a\nb été c");
    const inner = new TextMapBuilder(decoded.text).copy(decoded.text, 0).build({ through: decoded });
    expect(file.slice(inner.fileOffset(2), inner.fileOffset(2) + 1)).toBe("b");
    // An escape maps to its backslash; what follows keeps its own place.
    expect(file.slice(inner.fileOffset(4), inner.fileOffset(4) + 6)).toBe("\\u00e9");
    expect(file.slice(inner.fileOffset(8), inner.fileOffset(8) + 1)).toBe("c");
    expect(inner.position(8)).toEqual({ line: 1, column: file.indexOf(" c") + 2 });
  });

  it("drops carriage returns of escaped Windows line ends", () => {
    expect(jsonString('"a\\r\\nb"', 0)!.text).toBe("a\nb");
    expect(jsonString('"unterminated', 0)).toBeUndefined();
    expect(jsonString("x", 0)).toBeUndefined();
  });
});

describe("TextMap.join", () => {
  it("joins title and description as the engine reads them, separators mapping to the character before", () => {
    const source = "Title here\n\nThe body text.";
    const title = new TextMapBuilder(source).copy("Title here", 0).build();
    const body = new TextMapBuilder(source).copy("The body text.", 12).build();
    const joined = TextMap.join([title, ". ", body]);
    expect(joined.text).toBe("Title here. The body text.");
    expect(joined.position(joined.text.indexOf("body"))).toEqual({ line: 3, column: 5 });
    expect(joined.fileOffset(10)).toBe(9);
    expect(joined.position(0)).toEqual({ line: 1, column: 1 });
  });
});
