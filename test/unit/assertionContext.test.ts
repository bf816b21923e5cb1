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

  it.each([
    ["a modal of what could have happened, on its clause", "If the key had leaked, an attacker could have pushed to every repository.", "unexpected-access"],
    ["a modal of what would happen", "A retry of that step would keep retrying all night.", "repeated-retries"],
    ["an inverted condition opening the sentence", "Had the change gone to all regions at once, the outage would have been global.", "unstaged-rollout"],
    ["an inverted condition with 'were'", "Were the config pushed to every node at once, the fleet would be down.", "unstaged-rollout"],
    ["an exercise's scenario", "The tabletop exercise assumed an attacker had stolen the CI token.", "leaked-secret"],
    ["an assumption", "We assume the job kept retrying all night.", "repeated-retries"],
    ["in principle", "An agent chaining those tools could in principle escalate privileges.", "tool-chaining-escalation"],
    ["an instruction to make sure", "Make sure every retry is idempotent.", "repeated-retries"],
    ["a competitor's incident", "A competitor disclosed that its AWS keys had been leaked on GitHub.", "leaked-secret"],
    ["another company's incident", "Another company using the same library reported that its tokens were stolen.", "leaked-secret"],
    ["another provider's, named after the match", "The blog describes a retry storm at another cloud provider.", "repeated-retries"],
    ["'not at us'", "The advisory describes a retry storm at one of its customers, not at us.", "repeated-retries"],
    ["a report about others", "The industry report says most teams share service accounts across teams.", "shared-service-account"],
    ["a case study", "In the case study, a job inherited its parent's admin scope.", "delegated-scope-inheritance"],
  ])("%s is no evidence: %s", (_, text, code) => {
    expect(codes(text)).not.toContain(code);
  });

  it.each([
    ["a modal in another clause", "The token was stolen from a build log, and we would like to thank the reporter.", "leaked-secret"],
    ["'had the' not opening the sentence", "The deploy bot had the admin role, and the job kept retrying all night.", "repeated-retries"],
    ["an opening 'had' that is no condition", "Had to restart the workers because the job kept retrying all night.", "repeated-retries"],
    ["a terminator ending another party's scope", "A competitor reported a retry storm last year, but here the job kept retrying all night.", "repeated-retries"],
    ["our own report", "The incident report says the token was stolen from a build log.", "leaked-secret"],
  ])("%s leaves the match asserted: %s", (_, text, code) => {
    expect(codes(text)).toContain(code);
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
