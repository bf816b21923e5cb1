import { describe, expect, it } from "vitest";
import { PATTERNS } from "../../src/redact/secretPatterns.js";
import { OVERLAP, RULES, secretlintSpans, WINDOW, windows, type ScannerRule } from "../../src/redact/secretlintSpans.js";

/*
 * Linear time, shown by structure rather than by a clock: our patterns can only do bounded
 * work per start position, and secretlint's rules, whose patterns are not ours to audit,
 * are only ever handed windows of bounded size.
 */

/**
 * Quantifiers in a regex source that make per-start work unbounded, or a power of the
 * text's length: `*`, `+`, `{n,}`, or a repeated group holding a quantifier. An optional
 * group (`?`) may hold one: it is tried at most twice.
 */
function unboundedQuantifiers(source: string): string[] {
  const found: string[] = [];
  const groups: boolean[] = [];
  let inside = false;
  let justClosed: boolean | undefined;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    const quantified = (bounded: boolean, what: string, repeats = true): void => {
      if (!bounded) found.push(`${what} at ${i}`);
      if (justClosed && repeats) found.push(`a repeated group holding a quantifier, at ${i}`);
      inside = true;
    };
    const closed = justClosed;
    justClosed = undefined;
    if (c === "\\") {
      i += source[i + 1] === "p" || source[i + 1] === "u" ? source.indexOf("}", i) - i : 1;
    } else if (c === "[") {
      for (i++; i < source.length && source[i] !== "]"; i++) if (source[i] === "\\") i++;
    } else if (c === "(") {
      groups.push(inside);
      inside = false;
      if (source[i + 1] === "?") i++;
    } else if (c === ")") {
      justClosed = inside;
      inside = groups.pop()! || inside;
    } else if (c === "*" || c === "+") {
      justClosed = closed;
      quantified(false, c);
    } else if (c === "?") {
      justClosed = closed;
      quantified(true, c, false);
    } else if (c === "{") {
      const end = source.indexOf("}", i);
      justClosed = closed;
      const bounds = source.slice(i + 1, end);
      quantified(!/,$/.test(bounds), source.slice(i, end + 1), bounds !== "0,1" && bounds !== "1");
      i = end;
    }
  }
  return found;
}

describe("our patterns do bounded work per start position", () => {
  it("the check itself finds what it looks for", () => {
    expect(unboundedQuantifiers("a+")).not.toEqual([]);
    expect(unboundedQuantifiers("a*")).not.toEqual([]);
    expect(unboundedQuantifiers("a{2,}")).not.toEqual([]);
    expect(unboundedQuantifiers("(?:a{1,2}){1,3}")).not.toEqual([]);
    expect(unboundedQuantifiers("(?:ab?){1,3}")).not.toEqual([]);
    expect(unboundedQuantifiers("[+*]{1,3}\\+\\*(?<![a-z])(?:ab|cd){1,12}x?(?:-[0-9]{1,3})?")).toEqual([]);
  });

  it.each(PATTERNS.map((p) => [p.kind, p.re] as const))("%s: every quantifier bounded, no repeated group holds one", (_kind, re) => {
    expect(unboundedQuantifiers(re.source)).toEqual([]);
  });
});

describe("secretlint's rules only ever see bounded windows", () => {
  it.each([0, 1, WINDOW, WINDOW + OVERLAP, WINDOW + OVERLAP + 1, 3 * WINDOW + 5, 2_000_000])("windows of a %i-character text cover it, each bounded, each match inside one", (n) => {
    const ws = windows(n);
    expect(ws[0]![0]).toBe(0);
    expect(ws.at(-1)![1]).toBe(n);
    expect(ws.length).toBeLessThanOrEqual(Math.ceil(n / WINDOW) + 1);
    for (const [a, b] of ws) expect(b - a).toBeLessThanOrEqual(WINDOW + OVERLAP);
    // Consecutive windows share OVERLAP characters, so a match no longer than that lies wholly in one.
    for (let i = 1; i < ws.length; i++) expect(ws[i - 1]![1] - ws[i]![0]).toBeGreaterThanOrEqual(Math.min(OVERLAP, n - ws[i]![0]));
  });

  it("a pathological 2 MB text reaches each rule as bounded windows only", () => {
    const seen: number[] = [];
    const spy: ScannerRule[] = RULES.map((r) => ({
      meta: r.meta,
      create: (context, options) => {
        const handlers = r.create(context, options);
        return { file: (source) => (seen.push(source.content.length), handlers.file?.(source)) };
      },
    }));
    const text = ("SG.a." + "a".repeat(300) + " xoxb-" + "a-".repeat(60) + " mongodb://u:").repeat(2_000_000 / 450);
    secretlintSpans(text, spy);
    expect(seen.length).toBe(RULES.length * windows(text.length).length);
    expect(Math.max(...seen)).toBeLessThanOrEqual(WINDOW + OVERLAP);
  });

  it("a token across a window's end is still found whole", () => {
    const token = "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";
    const at = WINDOW - 10;
    const text = `${"a ".repeat(at / 2)}${token} ${"word ".repeat(30_000)}`;
    expect(secretlintSpans(text).map((r) => [r.start, r.end])).toContainEqual([at, at + token.length]);
  });
});
