import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileDetectors, detectSymptoms } from "../../src/engine/detectSymptoms.js";
import type { Meter } from "../../src/engine/firstMatch.js";
import { phraseOf } from "../../src/load/schema/rules.js";
import { builtinContext, builtinSymptoms, ROOT } from "../helpers.js";
import { fixtureIncidents } from "../tools/fixtureIncidents.js";
import { searchedSymptoms } from "../tools/searchedSymptoms.js";

const detectors = compileDetectors(builtinSymptoms(), builtinContext());
const codes = (text: string) => detectSymptoms(text, detectors).map((s) => s.code);

describe("free-text symptom detection", () => {
  it.each([
    ["The job kept retrying after a timeout.", "repeated-retries"],
    ["The deploy retried three times.", "repeated-retries"],
    ["Retries piled up overnight.", "repeated-retries"],
    ["It ran the migration twice.", "privileged-step-replayed"],
    ["The payment job executed twice", "privileged-step-replayed"],
    ["Honestly nobody owns it.", "unclear-ownership"],
    ["No one could say who owned the key.", "unclear-ownership"],
    ["The token could read every repository in the org.", "token-overreach"],
    ["An AWS key was committed to a public repository.", "leaked-secret"],
    ["The sub-agent inherited the parent's scope.", "delegated-scope-inheritance"],
    ["The config change was pushed to every region at once.", "unstaged-rollout"],
    ["Three teams share the same service account.", "shared-service-account"],
  ])("%s → %s", (text, code) => {
    expect(codes(text)).toContain(code);
  });

  it("reports the words that matched", () => {
    const [s] = detectSymptoms("After the timeout the job kept retrying all night.", detectors);
    const text = "After the timeout the job kept retrying all night.";
    expect(s).toEqual({
      code: "repeated-retries",
      source: "description",
      phrase: "kept retrying",
      sentence: { start: 0, end: text.length, text },
      matches: [
        { start: 26, end: 30, text: "kept" },
        { start: 31, end: 39, text: "retrying" },
      ],
    });
  });

  it("tolerates word order", () => {
    expect(codes("Access far wider than intended was given to the bot.")).toContain("privilege-creep");
    expect(codes("Twice the migration ran.")).toContain("privileged-step-replayed");
  });

  it.each([
    ["There were no retries.", "repeated-retries"],
    ["The job did not retry.", "repeated-retries"],
    ["The key was not leaked.", "leaked-secret"],
    ["We found no sign the key was leaked.", "leaked-secret"],
    ["Nothing was ever exposed, no secrets were leaked.", "leaked-secret"],
  ])("does not fire on a negated phrase: %s", (text, code) => {
    expect(codes(text)).not.toContain(code);
  });

  it("a negated subject does not negate the event", () => {
    expect(codes("Nobody noticed the job retried all weekend.")).toContain("repeated-retries");
  });

  it("keeps a negation that belongs to the phrase itself", () => {
    expect(codes("There was no rollback for the schema change.")).toContain("no-compensation");
  });

  it("a negation in another clause does not cancel a match", () => {
    expect(codes("No customer data was touched, but the job retried the transfer.")).toContain("repeated-retries");
  });

  it("is deterministic and ordered by position", () => {
    const text = "Nobody owns the key. The key was leaked last week and the job kept retrying.";
    expect(codes(text)).toEqual(["unclear-ownership", "leaked-secret", "repeated-retries"]);
    expect(detectSymptoms(text, detectors)).toEqual(detectSymptoms(text, detectors));
  });
});

describe("free-text detection stays linear and matches as the search did", () => {
  const symptoms = builtinSymptoms();
  // Every word of every phrase, a prefix given an ending, so the text is all near-misses.
  const vocabulary = [
    ...new Set(
      symptoms.flatMap((s) => (s.phrases ?? []).flatMap((p) => phraseOf(p).replace(/\s~\d+$/, "").split(/[\s|-]+/).filter(Boolean))).flatMap((w) => (w.endsWith("*") ? [w.slice(0, -1), `${w.slice(0, -1)}ed`, `${w.slice(0, -1)}ing`] : [w])),
    ),
  ].filter((w) => /^[a-z0-9']+$/.test(w));
  const extras = ["no", "not", "never", "nobody", "didn't", "sign", "evidence", "clear", "unconfirmed", "the", "job", "REDACTED(aws-access-key)"];
  // A phrase's words, one alternative each, in a random order: what matches, or nearly.
  const phraseWords = symptoms.flatMap((s) => (s.phrases ?? []).map((p) => phraseOf(p).replace(/\s~\d+$/, "").split(/[\s-]+/).filter(Boolean).map((w) => w.split("|").map((a) => a.replace(/\*$/, "ed")))));
  const phrase = fc
    .tuple(fc.constantFrom(...phraseWords), fc.array(fc.nat(), { minLength: 6, maxLength: 6 }), fc.nat())
    .map(([alternatives, picks, turn]) => {
      const words = alternatives.map((alts, i) => alts[picks[i % picks.length]! % alts.length]!);
      return [...words.slice(turn % words.length), ...words.slice(0, turn % words.length)].join(" ");
    });
  const pieces = fc.oneof(
    { weight: 4, arbitrary: phrase },
    { weight: 8, arbitrary: fc.constantFrom(...vocabulary) },
    { weight: 3, arbitrary: fc.constantFrom(...extras) },
    { weight: 2, arbitrary: fc.constantFrom(".", ",", " but", ";", "\n") },
  );

  it("finds exactly what the depth-first search over every detector and clause found", () => {
    let symptomsFound = 0;
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 80 }), (words) => {
        const text = words.join(" ");
        const expected = searchedSymptoms(text, detectors);
        symptomsFound += expected.length;
        expect(detectSymptoms(text, detectors)).toEqual(expected);
      }),
      { numRuns: 1500 },
    );
    // The texts are close enough to the phrases that many match, negated or not.
    expect(symptomsFound).toBeGreaterThan(1000);
  });

  it("agrees on the fixture tickets' own words, shuffled into one long sentence", () => {
    for (const { incident } of fixtureIncidents()) {
      const text = readFileSync(join(ROOT, incident), "utf8");
      const words = text.split(/\s+/);
      const shuffled = words.map((w, i) => words[(i * 7919) % words.length]!).join(" ");
      expect(detectSymptoms(shuffled, detectors), incident).toEqual(searchedSymptoms(shuffled, detectors));
    }
  });

  it("does work linear in the text: twice the words, about twice the steps", () => {
    // Phrase words in random order and no clause break: the search's dead ends multiplied here.
    let seed = 1;
    const random = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 4294967296;
    const text = (n: number) => Array.from({ length: n }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(" ");
    const work = (n: number) => {
      const meter: Meter = { steps: 0 };
      detectSymptoms(text(n), detectors, meter);
      return meter.steps;
    };
    const small = work(20_000);
    const large = work(40_000);
    expect(small).toBeGreaterThan(20_000);
    expect(large).toBeLessThanOrEqual(2.2 * small);
  });
});

describe("phrase alternatives narrowed to their sense", () => {
  it.each([
    ["leaked-secret", "The team leaked the roadmap to the press.", "The deploy token leaked into a build log."],
    ["leaked-secret", "The password manager vendor published its annual report.", "The API key was committed to a public repository."],
    ["repeated-retries", "The analyst re-ran the weekly report.", "The scheduler re-ran the job in a loop until the cron was disabled."],
    ["human-use-of-nhi", "The attackers stole the tokens from the engineer's laptop.", "The engineer's token was used by the nightly job."],
    ["shared-service-account", "The chat sessions shared a cache key.", "Every team used the shared key."],
    ["lost-approval", "The break-glass approval never expired.", "The approval was bypassed by the pipeline."],
    ["unclear-ownership", "The platform team, who own the key, never saw the flag.", "Nobody owns the service account."],
    ["no-compensation", "The team uses the bot's password for manual fixes.", "Recovery was a manual restore from tape."],
    ["long-lived-secret", "The safety check was configured not to block the change.", "The database password has not changed in years."],
    ["credentials-embedded-in-orchestrator", "The CI provider told us that secrets stored with them may be exposed.", "The CI secrets held a publishing token."],
    ["inconsistent-state", "Nobody had written a procedure to undo a partial send.", "A partial write left the two tables out of step."],
    ["uncoordinated-rotation", "Argo re-ran the step that rotates the root password.", "The rotation broke every client."],
    ["unexpected-access", "Logs show normal API calls from the office.", "Logs show suspicious API calls from a foreign IP address."],
  ])("%s: not in %j, but in %j", (code, no, yes) => {
    expect(codes(no)).not.toContain(code);
    expect(codes(yes)).toContain(code);
  });
});

describe("phrases with conditions: excluded senses and word order", () => {
  const concepts = [
    { id: "repetition", meaning: "m", words: ["again", "twice", "re-apply"] },
    { id: "approval", meaning: "m", words: ["approval", "review"] },
  ];
  const compiled = compileDetectors(
    [
      { code: "faulty-change", leaning: "coordination", meaning: "m", phrases: [{ phrase: "applied change", exclude: ["repetition"] }] },
      { code: "unchecked-change", leaning: "coordination", meaning: "m", phrases: [{ phrase: "without review*", exclude: ["approval"] }] },
      { code: "token-overreach", leaning: "attribution", meaning: "m", phrases: [{ phrase: "token can read every ~8", ordered: true }] },
      { code: "shared-service-account", leaning: "attribution", meaning: "m", phrases: ["token can read every ~8"] },
    ],
    builtinContext(),
    concepts,
  );
  const found = (text: string) => detectSymptoms(text, compiled).map((s) => s.code);

  it("drops a match when an excluded concept is in its clause, and only then", () => {
    expect(found("The worker applied the change again.")).not.toContain("faulty-change");
    expect(found("The worker applied the change.")).toContain("faulty-change");
    // In another clause the excluded word says nothing of this match.
    expect(found("The job ran twice, but the worker applied the change once.")).toContain("faulty-change");
    // A concept that reaches past the phrase's own word is another sense: "re-applied" repeats.
    expect(found("The worker re-applied the change.")).not.toContain("faulty-change");
  });

  it("never counts the phrase's own words against it", () => {
    expect(found("The fix went out without review.")).toContain("unchecked-change");
    expect(found("The fix went out without review of the approval.")).not.toContain("unchecked-change");
  });

  it("an ordered phrase matches its words in the order written, an unordered one in any", () => {
    expect(found("The token can read every repository.")).toContain("token-overreach");
    const reversed = found("The secrets hold tokens that every workflow can read.");
    expect(reversed).not.toContain("token-overreach");
    expect(reversed).toContain("shared-service-account");
  });

  it("is what the depth-first search finds, conditions and all", () => {
    for (const text of ["The worker applied the change again.", "The secrets hold tokens that every workflow can read.", "The token can read every repository.", "The fix went out without review of the approval."]) {
      expect(detectSymptoms(text, compiled)).toEqual(searchedSymptoms(text, compiled));
    }
  });
});
