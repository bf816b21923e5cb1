import { describe, expect, it } from "vitest";
import { classify } from "../../src/engine/classify.js";

describe("classify", () => {
  it("too little evidence is insufficient-evidence", () => {
    expect(classify({ coordination: 0, attribution: 0, boundary: 0 }).decision).toBe("insufficient-evidence");
    expect(classify({ coordination: 1, attribution: 0, boundary: 0 }).decision).toBe("insufficient-evidence");
  });
  it("a clear lead puts that layer first", () => {
    expect(classify({ coordination: 7, attribution: 2, boundary: 0 })).toMatchObject({ decision: "orchestration-first", lead: "orchestration" });
    expect(classify({ coordination: 1, attribution: 6, boundary: 0 })).toMatchObject({ decision: "identity-first", lead: "identity" });
  });
  it("a close call is both", () => {
    expect(classify({ coordination: 5, attribution: 4, boundary: 0 })).toMatchObject({ decision: "both", reason: "balanced" });
  });
  it("a blurred boundary without a strong lead is both", () => {
    expect(classify({ coordination: 2, attribution: 2, boundary: 3 })).toMatchObject({ decision: "both", reason: "boundary" });
    expect(classify({ coordination: 0, attribution: 8, boundary: 3 }).decision).toBe("identity-first");
  });
  it("confidence grows with lead and evidence, and stays in (0, 1)", () => {
    const weak = classify({ coordination: 3, attribution: 1, boundary: 0 }).confidence;
    const strong = classify({ coordination: 12, attribution: 1, boundary: 0 }).confidence;
    expect(strong).toBeGreaterThan(weak);
    expect(strong).toBeLessThan(1);
    expect(weak).toBeGreaterThan(0.5);
  });
});
