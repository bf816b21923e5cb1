import { describe, expect, it } from "vitest";
import { InputError } from "../../src/load/diagnostic.js";
import { readExpectation } from "../../src/eval/readExpectation.js";
import { scoreCorpus, type CaseResult } from "../../src/eval/scoreCorpus.js";
import { scoreSentences } from "../../src/eval/scoreSentences.js";

const exp = (decision: CaseResult["expected"]["decision"], contain = false): CaseResult["expected"] => ({ decision, contain, style: "practitioner" });

describe("scoreCorpus", () => {
  const rows: CaseResult[] = [
    // right on all three
    { expected: exp("orchestration-first"), got: "orchestration-first", contained: false, opensOn: "orchestration" },
    // right decision, but a live credential left uncontained
    { expected: exp("identity-first", true), got: "identity-first", contained: false, opensOn: "identity" },
    // wrong decision; its plan opens on the other layer
    { expected: exp("orchestration-first"), got: "identity-first", contained: true, opensOn: "identity" },
    // both: any opening layer will do, but there must be one
    { expected: exp("both", true), got: "both", contained: true, opensOn: "orchestration" },
    // insufficient-evidence has no layer to open on, so plan opening does not apply
    { expected: exp("insufficient-evidence"), got: "insufficient-evidence", contained: false, opensOn: undefined },
  ];
  const s = scoreCorpus(rows);

  it("counts each measure over the cases it applies to", () => {
    expect(s.cases).toBe(5);
    expect(s.decision).toEqual({ hits: 4, of: 5 });
    expect(s.containment).toEqual({ hits: 1, of: 2 });
    expect(s.extraContainment).toBe(1);
    expect(s.planOpens).toEqual({ hits: 3, of: 4 });
    expect(s.right).toEqual({ hits: 3, of: 5 });
  });

  it("fills the confusion matrix by expected row and tool column", () => {
    expect(s.confusion["orchestration-first"]).toEqual({ "orchestration-first": 1, "identity-first": 1, both: 0, "insufficient-evidence": 0 });
    expect(s.confusion["identity-first"]["identity-first"]).toBe(1);
    expect(s.confusion.both.both).toBe(1);
    const total = Object.values(s.confusion).flatMap((r) => Object.values(r)).reduce((a, b) => a + b, 0);
    expect(total).toBe(5);
  });

  it("a both answer with an empty plan does not open on any layer", () => {
    expect(scoreCorpus([{ expected: exp("both"), got: "both", contained: false, opensOn: undefined }]).right).toEqual({ hits: 0, of: 1 });
  });
});

describe("scoreSentences", () => {
  const s = scoreSentences([
    { label: { text: "a", shows: ["leaked-secret"] }, detected: ["leaked-secret"] },
    { label: { text: "b", shows: ["leaked-secret", "long-lived-secret"] }, detected: ["long-lived-secret", "repeated-retries"] },
    { label: { text: "c", shows: [], hard: { kind: "negation", not: ["leaked-secret"] } }, detected: ["leaked-secret"] },
    { label: { text: "d", shows: [], hard: { kind: "advice", not: ["long-lived-secret"] } }, detected: [] },
  ]);

  it("per symptom: true and false positives, misses, precision and recall", () => {
    const leaked = s.symptoms.find((x) => x.code === "leaked-secret")!;
    expect(leaked).toMatchObject({ positives: 2, truePositives: 1, falsePositives: 1, falseNegatives: 1, precision: 0.5, recall: 0.5 });
    const retries = s.symptoms.find((x) => x.code === "repeated-retries")!;
    expect(retries).toMatchObject({ positives: 0, falsePositives: 1, precision: 0, recall: undefined });
    expect(s.symptoms.map((x) => x.code)).toEqual(["leaked-secret", "long-lived-secret", "repeated-retries"]);
    expect(s.micro).toEqual({ precision: 2 / 4, recall: 2 / 3 });
  });

  it("a hard negative is right only when none of the symptoms it tempts toward fires", () => {
    expect(s.hardNegatives.find((h) => h.kind === "negation")).toEqual({ kind: "negation", hits: 0, of: 1 });
    expect(s.hardNegatives.find((h) => h.kind === "advice")).toEqual({ kind: "advice", hits: 1, of: 1 });
    expect(s.hardNegatives.find((h) => h.kind === "other-sense")).toEqual({ kind: "other-sense", hits: 0, of: 0 });
  });
});

describe("readExpectation", () => {
  it("reads the practitioner's answer and contain first from the header only", () => {
    const text = "# A real public incident\n# A practitioner's answer: identity-first (contain first: a credential was still live)\napiVersion: nhi-triage/v1\n";
    expect(readExpectation("x.yaml", text)).toEqual({ decision: "identity-first", contain: true, style: "practitioner" });
    const body = "# A practitioner's answer: both\napiVersion: nhi-triage/v1\ndescription: we did not contain first\n";
    expect(readExpectation("x.yaml", body).contain).toBe(false);
  });

  it("reads the authored fixtures' Expected line", () => {
    expect(readExpectation("x.yaml", "# Expected: orchestration-first; contain: no\nkind: Incident\n")).toEqual({ decision: "orchestration-first", contain: false, style: "fixture" });
  });

  it("names file, line and column of a bad answer, and a missing header", () => {
    const bad = () => readExpectation("x.yaml", "# note\n# A practitioner's answer: identity-ish\nkind: Incident\n");
    expect(bad).toThrow(InputError);
    expect(bad).toThrow(/^x\.yaml:2:28 {2}expected a practitioner's answer of orchestration-first, identity-first, both, insufficient-evidence, got "identity-ish"/);
    expect(() => readExpectation("y.yaml", "kind: Incident\n")).toThrow(/^y\.yaml:1:1 {2}expected a header line/);
  });
});
