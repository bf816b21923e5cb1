import { describe, expect, it } from "vitest";
import { incidentSymptoms } from "../../src/engine/triage.js";
import { builtinPack } from "../helpers.js";

// The engine reads title and description as one text; each fact must point into its own field.
describe("detected symptoms point into the field they were read in", () => {
  it("a description match has offsets into the description, a title match into the title", async () => {
    const pack = await builtinPack();
    const description = "Nothing unusual at first. Then the job kept retrying all night.";
    const title = "Retry storm after the timeout";
    const facts = incidentSymptoms({ apiVersion: "nhi-triage/v1", kind: "Incident", id: "X-1", title, description }, pack);
    const retries = facts.find((f) => f.code === "repeated-retries");
    expect(retries?.source).toBe("description");
    if (retries?.source !== "description" || !retries.sentence) throw new Error("no detected fact with a sentence");
    const field = retries.field === "title" ? title : description;
    expect(field.slice(retries.sentence.start, retries.sentence.end)).toBe(retries.sentence.text);
    for (const m of retries.matches ?? []) expect(field.slice(m.start, m.end)).toBe(m.text);
  });

  it("a match in the description alone is shifted past the title", async () => {
    const pack = await builtinPack();
    const description = "The job kept retrying all night.";
    const [fact] = incidentSymptoms({ apiVersion: "nhi-triage/v1", kind: "Incident", id: "X-2", title: "Tuesday", description }, pack).filter((f) => f.code === "repeated-retries");
    expect(fact).toMatchObject({ field: "description", sentence: { start: 0, text: description } });
  });
});
