import { expect, it } from "vitest";
import { briefEvidence, describeSymptom } from "../../src/engine/symptomFact.js";

it("briefEvidence reads back what describeSymptom writes", () => {
  expect(briefEvidence(describeSymptom({ code: "repeated-retries", source: "description", phrase: "kept retrying" }))).toBe('"kept retrying"');
  expect(briefEvidence(describeSymptom({ code: "leaked-secret", source: "declared", note: "found in a gist" }))).toBe("leaked-secret: found in a gist");
  expect(briefEvidence(describeSymptom({ code: "leaked-secret", source: "declared" }))).toBe("leaked-secret declared");
  expect(briefEvidence("step w/s: retries 3")).toBe("step w/s: retries 3");
});
