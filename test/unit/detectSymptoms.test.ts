import { describe, expect, it } from "vitest";
import { compileDetectors, detectSymptoms } from "../../src/engine/detectSymptoms.js";
import { builtinSymptoms } from "../helpers.js";

const detectors = compileDetectors(builtinSymptoms());
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
    expect(s).toEqual({ code: "repeated-retries", source: "description", phrase: "kept retrying" });
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
    const text = "Nobody owns the key. It was leaked last week and the job kept retrying.";
    expect(codes(text)).toEqual(["unclear-ownership", "leaked-secret", "repeated-retries"]);
    expect(detectSymptoms(text, detectors)).toEqual(detectSymptoms(text, detectors));
  });
});
