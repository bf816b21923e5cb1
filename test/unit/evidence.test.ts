import { describe, expect, it } from "vitest";
import { briefText, evidenceText, symptomEvidence, type Evidence } from "../../src/engine/evidence.js";
import { incidentSymptoms } from "../../src/engine/triage.js";
import { markedEvidence, quoteMatches } from "../../src/report/quoteMatches.js";
import { PLAIN } from "../../src/report/style.js";
import { builtinPack } from "../helpers.js";

const detected = (over: Partial<Extract<Evidence, { kind: "detected-symptom" }>> = {}): Extract<Evidence, { kind: "detected-symptom" }> => ({
  kind: "detected-symptom",
  code: "repeated-retries",
  phrase: "kept retrying",
  field: "description",
  sentence: { start: 10, end: 41, text: "Then the job kept retrying all." },
  matches: [
    { start: 23, end: 27, text: "kept" },
    { start: 28, end: 36, text: "retrying" },
  ],
  assertion: "asserted",
  cause: false,
  ...over,
});

describe("evidence as data", () => {
  it("renders every kind from its fields", () => {
    expect(evidenceText({ kind: "fact", fact: "step.retries", owner: "step migrate-db", label: "retries", value: 3 })).toBe("step migrate-db: retries 3");
    expect(evidenceText({ kind: "fact", fact: "step.privileged", owner: "step s", label: "privileged", value: true, detail: "w/s" })).toBe("step s: privileged: yes (w/s)");
    expect(evidenceText({ kind: "fact", fact: "identity.privileges", owner: "identity k", label: "privileges", value: [] })).toBe("identity k: privileges none");
    expect(evidenceText({ kind: "fact", fact: "identity.owner", owner: "identity k", label: "owner", value: null })).toBe("identity k: owner unknown");
    expect(evidenceText({ kind: "unknown-fact", fact: "identity.credential.lastRotated", owner: "identity k", label: "credential age", entity: "identity", recorded: true, missing: ["credential.lastRotated"] })).toBe(
      "identity k: credential age unknown (credential.lastRotated not recorded)",
    );
    expect(evidenceText({ kind: "unknown-fact", fact: "workflow.stateIsolation", owner: "workflow w", label: "state isolation", entity: "workflow", recorded: false, missing: [] })).toBe("workflow w: state isolation unknown (no workflow recorded)");
    expect(evidenceText({ kind: "declared-symptom", code: "leaked-secret", note: "found in a gist" })).toBe("symptom leaked-secret (declared: found in a gist)");
    expect(evidenceText(detected())).toBe('symptom repeated-retries (description: "kept retrying")');
  });

  it("a rationale quotes the matched words or the declared code, never a rendered line read back", () => {
    expect(briefText(detected())).toBe('"kept retrying"');
    expect(briefText({ kind: "declared-symptom", code: "leaked-secret", note: "found in a gist" })).toBe("leaked-secret: found in a gist");
    expect(briefText({ kind: "declared-symptom", code: "leaked-secret" })).toBe("leaked-secret declared");
    // A fact whose owner holds the characters a rendered symptom line has is still a fact.
    expect(briefText({ kind: "fact", fact: "step.retries", owner: 'symptom x (description: "y")', label: "retries", value: 3 })).toBe('symptom x (description: "y"): retries 3');
  });

  it("a detected symptom carries its field, sentence, spans, frame and context", async () => {
    const pack = await builtinPack();
    const description = "Nothing unusual at first. Then the job kept retrying all night.";
    const fact = incidentSymptoms({ apiVersion: "nhi-triage/v1", kind: "Incident", id: "X-1", title: "Tuesday", description }, pack).find((f) => f.code === "repeated-retries")!;
    const e = symptomEvidence(fact);
    if (e.kind !== "detected-symptom") throw new Error(`expected a detected symptom, got ${e.kind}`);
    expect(e).toMatchObject({ field: "description", assertion: "asserted", cause: false });
    expect(e.matches.length).toBeGreaterThan(0);
    for (const m of e.matches) expect(description.slice(m.start, m.end)).toBe(m.text);
    expect(description.slice(e.sentence!.start, e.sentence!.end)).toBe(e.sentence!.text);
  });
});

describe("matched words marked in the sentence", () => {
  it("marks each word, plain or with a style", () => {
    expect(quoteMatches(detected(), PLAIN.mark)).toBe('"Then the job «kept retrying» all."');
    expect(markedEvidence(detected(), (w) => `**${w}**`)).toBe('symptom repeated-retries (description: "Then the job **kept retrying** all.")');
    const apart = detected({ matches: [{ start: 19, end: 22, text: "job" }, { start: 28, end: 36, text: "retrying" }] });
    expect(quoteMatches(apart, PLAIN.mark)).toBe('"Then the «job» kept «retrying» all."');
    expect(markedEvidence({ kind: "declared-symptom", code: "leaked-secret" }, PLAIN.mark)).toBe("symptom leaked-secret (declared)");
  });

  it("names the field, puts a frame's words from the sentence before first, and quotes a sentenceless phrase as it is", () => {
    const title = detected({ field: "title", sentence: { start: 0, end: 11, text: "Retry storm" }, matches: [{ start: 0, end: 5, text: "Retry" }] });
    expect(markedEvidence(title, PLAIN.mark)).toBe('symptom repeated-retries (title: "«Retry» storm")');
    const two = detected({ matches: [{ start: 2, end: 7, text: "token" }, { start: 23, end: 27, text: "kept" }] });
    expect(quoteMatches(two, PLAIN.mark)).toBe('"«token» … Then the job «kept» retrying all."');
    expect(quoteMatches(detected({ sentence: undefined, matches: [], phrase: "a credential-like value (aws-access-key) in the incident text, redacted" }), PLAIN.mark)).toBe(
      '"a credential-like value (aws-access-key) in the incident text, redacted"',
    );
  });

  it("cuts a long sentence to the stretch around its words, at word boundaries", () => {
    const text = `${"word ".repeat(40)}the job kept retrying ${"more ".repeat(40)}end.`;
    const at = text.indexOf("kept");
    const q = quoteMatches(detected({ sentence: { start: 0, end: text.length, text }, matches: [{ start: at, end: at + 4, text: "kept" }] }), PLAIN.mark);
    expect(q).toMatch(/^"…word( word)* the job «kept» retrying more( more)*…"$/);
    expect(q.length).toBeLessThan(140);
  });
});
