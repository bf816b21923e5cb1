import { describe, expect, it } from "vitest";
import { compileDetectors, detectSymptoms } from "../../src/engine/detectSymptoms.js";
import { builtinContext, builtinSymptoms, extraPackProblems } from "../helpers.js";

const detectors = compileDetectors(builtinSymptoms(), builtinContext());
const facts = (text: string) => detectSymptoms(text, detectors);
const codes = (text: string) => facts(text).map((s) => s.code);

describe("assertion context from rules/context.yaml", () => {
  it.each([
    ["negated, before", "We found no evidence that the token was exposed."],
    ["negated, after", "That the token was exposed was ruled out."],
    ["hypothetical", "If the token had been exposed, the attacker would have had everything."],
    ["advice, modal", "Customers should treat any token as exposed."],
    ["advice, told to", "Customers were told to revoke every token that was exposed."],
    ["advice, recommend", "We recommend that customers assume their tokens were exposed and replace them."],
    ["other party", "A similar incident at another company saw a token exposed in a build log."],
  ])("%s is no evidence: %s", (_, text) => {
    expect(codes(text)).not.toContain("leaked-secret");
  });

  it("the same words asserted are evidence", () => {
    expect(codes("The token was exposed in a build log.")).toContain("leaked-secret");
  });

  it("advice repeats an assertion made elsewhere, and the assertion is the evidence", () => {
    const [fact] = facts("Customers were told to revoke every exposed token. The token was exposed in a build log.");
    expect(fact).toMatchObject({ code: "leaked-secret", phrase: "token was exposed" });
  });

  it("a terminator ends a sentence-wide trigger's scope", () => {
    expect(codes("We recommend longer timeouts, but the job kept retrying all night.")).toContain("repeated-retries");
    expect(codes("We recommend longer timeouts so the job keeps retrying less.")).not.toContain("repeated-retries");
  });

  it("a pseudo-trigger is no trigger: 'should have been' reports a failure", () => {
    expect(codes("We should have noticed that the token was exposed in a build log.")).toContain("leaked-secret");
    expect(codes("Not only was the token exposed in a build log, it was reused.")).toContain("leaked-secret");
  });

  it("a sentence stating the cause marks the fact, and is preferred over an effect", () => {
    expect(facts("The job kept retrying all night.")[0]).not.toHaveProperty("cause");
    expect(facts("The root cause was a job that kept retrying.")[0]).toMatchObject({ code: "repeated-retries", cause: true });
    expect(facts("This was caused by a job that kept retrying.")[0]).toMatchObject({ cause: true });
    expect(facts("A retry loop triggered the outage.")[0]).toMatchObject({ code: "repeated-retries", cause: true });
    const [fact] = facts("Workers kept restarting for hours. The trigger was a worker that kept crashing on start.");
    expect(fact).toMatchObject({ code: "repeated-retries", cause: true, phrase: "kept crashing" });
  });

  it("a negation that is one of the phrase's own words does not negate it", () => {
    expect(codes("There was no rollback for the schema change.")).toContain("no-compensation");
  });
});

describe("context.yaml is validated at load", () => {
  const context = (triggers: string) => ({ "context.yaml": `apiVersion: nhi-triage/v1\nkind: Context\nterminators: ["..."]\ntriggers:\n${triggers}` });
  it("reports problems with their line", async () => {
    const problems = await extraPackProblems(
      context(
        [
          "  - { id: negation-word, category: negated, direction: forward, words: [nope] }",
          "  - { id: x-long, category: advice, direction: forward, words: [one two three four five six seven] }",
          "  - { id: x-pseudo, category: pseudo, direction: both, words: [banana split] }",
        ].join("\n"),
      ),
    );
    expect(problems).toEqual([
      '3 "..." has no words; a trigger is words of letters and digits',
      '5 trigger "negation-word" is already defined',
      '6 "one two three four five six seven" has 7 words; the limit is 6',
      '7 the pseudo-trigger "banana split" holds no trigger\'s words, so it can never cancel one',
    ]);
  });

  it("names an unknown category where it is written", async () => {
    const problems = await extraPackProblems(context("  - { id: x-bad, category: maybe, direction: forward, words: [hm] }"));
    expect(problems).toEqual([expect.stringMatching(/^5 .*negated.*hypothetical/)]);
  });
});
