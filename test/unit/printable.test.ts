import { describe, expect, it } from "vitest";
import { printable, printableDeep } from "../../src/report/printable.js";

describe("printable", () => {
  it("shows controls, separators and bidi overrides as one · each, so columns stay aligned", () => {
    expect(printable("a\u001b[2Jb\tc\nd\u2028e\u202ef\u2067g\u0085h")).toBe("a·[2Jb·c·d·e·f·g·h");
    expect(printable("ＡＣＭＥ 日本 ok")).toBe("ＡＣＭＥ 日本 ok");
  });
});

describe("printableDeep", () => {
  it("keeps newlines and tabs in texts and returns untouched objects as they are", () => {
    const clean = { a: ["x\ny", { b: "\tz" }] };
    expect(printableDeep(clean)).toBe(clean);
  });
  it("copies only what changes and keeps an object shared by two findings shared", () => {
    const control = { id: "CTL\u001b" };
    const report = { findings: [{ control }, { control }], other: { title: "ok" } };
    const out = printableDeep(report);
    expect(out).not.toBe(report);
    expect(out.findings[0]!.control).toEqual({ id: "CTL·" });
    expect(out.findings[0]!.control).toBe(out.findings[1]!.control);
    expect(out.other).toBe(report.other);
    expect(report.findings[0]!.control.id).toBe("CTL\u001b");
  });
});
