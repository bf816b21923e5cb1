import { describe, expect, it } from "vitest";
import { compileFrames } from "../../src/engine/concepts/compileFrames.js";
import { compileDetectors, detectSymptoms } from "../../src/engine/detectSymptoms.js";
import { findSequences } from "../../src/engine/text/sequences.js";
import { sentences } from "../../src/engine/text/sentences.js";
import { builtinConcepts, builtinContext, builtinSymptoms, extraPackProblems } from "../helpers.js";

const concepts = builtinConcepts();
const index = compileFrames(concepts, []);
const conceptsIn = (text: string) => new Set([...sentences(text)].flatMap((s) => findSequences(s.words, index, { steps: 0 }).map((h) => index.concepts[h.owner])));

// One sentence that names the class in other words than its id, and a near miss that does not.
const CASES: Array<[string, string, string]> = [
  ["credential", "The deploy key was copied.", "The deploy log was copied."],
  ["session-artifact", "They reused a browser session.", "They reused a build cache."],
  ["code-artifact", "The library is ten years old.", "The vault is ten years old."],
  ["workflow-step", "The nightly job ran.", "The nightly news ran."],
  ["rollout-unit", "Every region got the change.", "Every reviewer got the change."],
  ["agent", "The coding agent opened a pull request.", "The engineer opened a pull request."],
  ["delegation", "The sub-agent inherited the parent's scope.", "The sub-agent read the parent's notes."],
  ["approval", "It went out without sign off.", "It went out without delay."],
  ["normal-procedure", "They ignored the runbook.", "They ignored the noise."],
  ["consumer", "Every downstream service broke.", "Every dashboard broke."],
  ["outside-actor", "An intruder was inside for weeks.", "A contractor was inside for weeks."],
  ["obtaining", "They phished a support engineer.", "They thanked a support engineer."],
  ["public-place", "It sat in a public bucket.", "It sat in a private bucket."],
  ["reach", "The token had owner rights over everything.", "The token was scoped to one repository."],
  ["age", "The password was years old.", "The password was short."],
  ["repetition", "The migration ran twice.", "The migration ran slowly."],
  ["replay", "The queue replayed every message.", "The queue dropped every message."],
  ["removal", "The cleanup revoked the certificate.", "The cleanup renewed the certificate."],
  ["still-trusted", "The old key was still in use.", "The old key was archived."],
  ["bypass", "They skipped the canary.", "They watched the canary."],
  ["wrong-input", "The command had a typo.", "The command had a flag."],
  ["beyond-intent", "It removed far more servers.", "It removed two servers."],
  ["half-done", "The old system was left partially running.", "The old system was switched off."],
  ["migration", "The cutover took a night.", "The meeting took a night."],
  ["automation", "The scheduler kicked it off.", "A person kicked it off."],
  ["bad-data", "It acted on stale data.", "It acted on fresh orders."],
  ["standing-state", "The bucket was misconfigured.", "The bucket was emptied."],
  ["access", "The intruder downloaded the archive.", "The intruder admired the archive."],
  ["account", "Someone signed in to his npm account.", "Someone signed in to the status page."],
  ["dependency-link", "Every downstream service slowed.", "Every new service slowed."],
  ["rotation", "The key rotation ran at noon.", "The key review ran at noon."],
  ["takeover", "Someone got into the maintainer's account.", "Someone wrote to the maintainer's account."],
  ["unauthenticated", "The console was reachable with no password.", "The console was reachable with a password."],
  ["lapse", "The certificate expired on Monday.", "The certificate arrived on Monday."],
  ["still-live", "The stolen token is still valid.", "The stolen token was valid."],
  ["amplification", "Autoscaling made it worse.", "Autoscaling made it faster."],
  ["leaking", "The roadmap leaked to the press.", "The roadmap went to the press."],
  ["no-expiry", "The token has no expiration date.", "The token has no owner."],
  ["privileged", "The step ran with cluster-admin rights.", "The step ran with a dry-run flag."],
  ["go-live", "Defects were still open at go-live.", "Defects were still open at lunch."],
  ["change-made", "The config push reached every node.", "The config file sat on every node."],
  ["harm", "Logins broke for an hour.", "Logins grew for an hour."],
  ["staged-release", "It skipped the first ring.", "It skipped the first meeting."],
  ["entitlement", "The access request was approved in Slack.", "The pull request was approved in Slack."],
  ["orchestrator", "The Jenkins server runs every job.", "The web server runs every page."],
  ["keeping", "The vault holds the key.", "The vault lost the key."],
];

describe("concepts (rules/concepts.yaml)", () => {
  it("every built-in concept has a case here", () => {
    expect(concepts.map((c) => c.id).sort()).toEqual(CASES.map(([id]) => id).sort());
  });
  it.each(CASES)("%s: found in %j, not in %j", (id, yes, no) => {
    expect(conceptsIn(yes)).toContain(id);
    expect(conceptsIn(no)).not.toContain(id);
  });
});

describe("frames (symptoms.yaml) over the concepts", () => {
  const detectors = compileDetectors(builtinSymptoms(), builtinContext(), concepts);
  const facts = (text: string) => detectSymptoms(text, detectors);
  const codes = (text: string) => facts(text).map((f) => f.code);

  it("an agent's removal is an automated change, unless the sentence says it acted on delegated authority", () => {
    expect(codes("The coding agent deleted the production database during a code freeze.")).toContain("faulty-change");
    expect(codes("The support agent delegated a ticket to a sub-agent, which inherited the parent's admin scope and deleted a customer workspace.")).not.toContain("faulty-change");
  });

  it("reads credentials obtained by means other than theft", () => {
    for (const t of ["The group phished an engineer's credentials.", "They bought an employee's password on a forum.", "A contractor's password was reused from another breach."]) {
      expect(codes(t), t).toContain("leaked-secret");
    }
  });

  it("meets a public place and a credential named in different sentences when the second refers back", () => {
    const [fact] = facts("The build image was pushed to a public registry. It contained an admin token.").filter((f) => f.code === "leaked-secret");
    expect(fact).toMatchObject({ frame: "public-place-then-credential", weight: 0.6 });
    expect(codes("The build image was pushed to a public registry. Lunch was served.")).not.toContain("leaked-secret");
  });

  it("an outside actor not called an attacker still reaches", () => {
    expect(codes("An intruder downloaded the customer archive.")).toContain("unexpected-access");
  });

  it("excludes the other sense: a replayed session is no replayed step, a script's age no secret's", () => {
    expect(codes("The attacker replayed the stolen session cookie.")).not.toContain("privileged-step-replayed");
    expect(codes("The queue replayed the settlement batch.")).toContain("privileged-step-replayed");
    expect(codes("The script that held the token was years old.")).not.toContain("long-lived-secret");
    expect(codes("The token was years old.")).toContain("long-lived-secret");
  });

  it("re-ran is a word in order, not 're' and 'ran' anywhere", () => {
    expect(codes("The nightly deploy ran twice and re-applied a migration.")).not.toContain("repeated-retries");
    expect(codes("The job re-ran after each timeout.")).toContain("repeated-retries");
  });

  it("reads automation that removed a credential its consumers still trusted", () => {
    expect(codes("The cleanup job revoked the signing key while it was still in use.")).toContain("uncoordinated-rotation");
  });

  it("reads a half-done migration", () => {
    expect(codes("The migration was partially done, so the old system kept serving requests.")).toContain("inconsistent-state");
  });

  it("reads an operator step with a wrong input that did more than intended", () => {
    expect(codes("A typo in the command removed far more servers than planned.")).toContain("faulty-change");
  });

  it("a leak refers back to a credential named in the sentence before", () => {
    expect(facts("Nobody rotated the deploy key. It leaked last week.").find((f) => f.code === "leaked-secret")).toMatchObject({ frame: "credential-then-leaked" });
    expect(codes("Nobody rotated the deploy key. A roadmap leaked last week.")).not.toContain("leaked-secret");
    expect(codes("Nobody came to the review. It leaked last week.")).not.toContain("leaked-secret");
  });

  it("an expiry belongs to a credential: an approval that never expires is no static secret", () => {
    expect(facts("The signing key has no expiry.").find((f) => f.code === "long-lived-secret")).toMatchObject({ frame: "credential-without-expiry" });
    expect(codes("The break-glass approval never expired.")).not.toContain("long-lived-secret");
    // How long a token lives is its age, not its reach.
    expect(codes("The token has no expiry.")).not.toContain("token-overreach");
  });

  it("a repeated step shows privileged-step-replayed when it carries authority, and a replayed approval is reused, not replayed", () => {
    expect(codes("The job re-ran the step with admin rights twice.")).toContain("privileged-step-replayed");
    expect(codes("The scheduler re-ran the job again and again.")).not.toContain("privileged-step-replayed");
    expect(codes("The billing run was started a second time.")).not.toContain("privileged-step-replayed");
    expect(codes("The schema migration ran a second time with the admin credentials.")).toContain("privileged-step-replayed");
    expect(codes("A signed approval for a refund was replayed by the agent.")).not.toContain("privileged-step-replayed");
    expect(codes("The approval issued for the Tuesday change was used again for a production deployment.")).not.toContain("privileged-step-replayed");
  });

  it("a change is faulty where the text says it did harm, in its sentence or the next", () => {
    expect(facts("The outage began minutes after a schema change.").find((f) => f.code === "faulty-change")).toMatchObject({ frame: "change-did-harm" });
    expect(facts("We shipped a new release at noon. It broke checkout within minutes.").find((f) => f.code === "faulty-change")).toMatchObject({ frame: "change-then-harm" });
    expect(codes("We shipped a new release at noon. Lunch was served.")).not.toContain("faulty-change");
    expect(codes("Restarting the failed release re-executed the grant step.")).not.toContain("faulty-change");
  });

  it("a go-live can be the change that failed, but 'unchanged since it went live' dates a standing state", () => {
    expect(codes("Two thousand defects were still open at go-live.")).toContain("faulty-change");
    expect(codes("The database password has not been rotated since the system went live.")).not.toContain("faulty-change");
  });

  it("going around a staged release is an unstaged rollout, not a skipped check", () => {
    const found = codes("The rule went out in one step, bypassing the usual ring-by-ring release.");
    expect(found).toContain("unstaged-rollout");
    expect(found).not.toContain("unchecked-change");
    expect(codes("The engineer bypassed the usual change process.")).toContain("unchecked-change");
  });

  it("an approval checked or an entitlement granted without review is no unchecked change; the phrase's own word does not exclude it", () => {
    expect(codes("Requests that came through Slack were granted without review.")).not.toContain("unchecked-change");
    expect(codes("The pipeline applied it Monday night without checking that approval.")).not.toContain("unchecked-change");
    // "review" is an approval word, but here it is the phrase's own.
    expect(codes("The hotfix was merged without review.")).toContain("unchecked-change");
  });

  it("an attacker named with what they obtained is the theft, not access with it", () => {
    expect(codes("The attackers stole the session tokens from a laptop.")).not.toContain("unexpected-access");
    expect(codes("The attackers were inside the network for a week.")).toContain("unexpected-access");
    expect(codes("The attackers stole a token and downloaded the customer records.")).toContain("unexpected-access");
  });

  it("an ordered phrase keeps who reads what: a token that reads everything, not tokens everything reads", () => {
    expect(codes("Repository secrets hold static publishing tokens that every workflow can read.")).not.toContain("token-overreach");
    expect(codes("The token could read every repository in the organisation.")).toContain("token-overreach");
  });

  it("an orchestrator keeping a credential, whatever it is called, and not an orchestrator near a credential", () => {
    expect(facts("The scheduler holds a long-lived AWS key and passes it to each task.").find((f) => f.code === "credentials-embedded-in-orchestrator")).toMatchObject({ frame: "orchestrator-keeps-credential" });
    expect(codes("Our Jenkins server injects the production kubeconfig into every job.")).toContain("credentials-embedded-in-orchestrator");
    expect(codes("The pipeline failed after the token expired.")).not.toContain("credentials-embedded-in-orchestrator");
    expect(codes("The password held in the vault was rotated on schedule.")).not.toContain("credentials-embedded-in-orchestrator");
  });

  it("an account acted as by someone else, however they got in, and not a failover that takes over", () => {
    expect(facts("Someone got into his npm account and published the versions.").find((f) => f.code === "unexpected-access")).toMatchObject({ frame: "account-taken-over" });
    expect(codes("The intruder took over the employee's email account.")).toContain("unexpected-access");
    expect(codes("Unit 2 is supposed to take over automatically.")).not.toContain("unexpected-access");
  });

  it("a service open with no authentication is weak authentication, and one that asks for a password is not", () => {
    expect(facts("The endpoint answered requests carrying no authentication at all.").find((f) => f.code === "weak-authentication")).toMatchObject({ frame: "no-authentication" });
    expect(codes("The database was reachable by anyone on ports 8123 and 9000.")).toContain("weak-authentication");
    expect(codes("There is no sign the password was used.")).not.toContain("weak-authentication");
  });

  it("a credential that ran out unrenewed had nobody on it; one a rotation removed is a sequencing problem", () => {
    expect(facts("An authentication certificate used by the service has expired.").find((f) => f.code === "unclear-ownership")).toMatchObject({ frame: "credential-lapsed" });
    expect(codes("The signing certificate had not been renewed.")).toContain("unclear-ownership");
    expect(codes("The rotation let the old key expire while clients still used it.")).not.toContain("unclear-ownership");
  });

  it("a failure that reaches what depends on it, or a reaction that makes it worse, cascades; a package one depends on does not", () => {
    expect(facts("Every service that depends on the resolver failed within minutes.").find((f) => f.code === "cascading-failure")).toMatchObject({ frame: "dependency-harmed" });
    expect(facts("Autoscaling made it worse by adding a thousand servers.").find((f) => f.code === "cascading-failure")).toMatchObject({ frame: "made-worse" });
    expect(codes("Every build that depends on the package broke.")).not.toContain("cascading-failure");
  });

  it("a credential someone else holds, or an intruder, still live is an ongoing compromise; an orphaned key still active is not", () => {
    expect(facts("We think someone is publishing with leaked npm credentials, which are presumably still valid.").find((f) => f.code === "compromise-ongoing")).toMatchObject({ frame: "leaked-still-live" });
    expect(codes("The intruders still have access to the build servers.")).toContain("compromise-ongoing");
    expect(codes("The key belongs to a project that was shut down, yet it is still active.")).not.toContain("compromise-ongoing");
    expect(codes("The leaked key is no longer valid.")).not.toContain("compromise-ongoing");
  });

  it("a phrase that opens with a negator names an absence, in its order", () => {
    expect(codes("There were no checks before the push reached every node.")).toContain("unchecked-change");
    expect(codes("Checks showed no machine-level access yet.")).not.toContain("unchecked-change");
  });

  it("what an intruder changes is an attack, not a faulty change", () => {
    expect(codes("The config change broke logins for every user.")).toContain("faulty-change");
    expect(codes("The intruder changed the email addresses and the customers lost their funds.")).not.toContain("faulty-change");
  });

  it("a negated or advised frame is no evidence", () => {
    expect(codes("No intruder downloaded the customer archive.")).not.toContain("unexpected-access");
    expect(codes("Customers should check whether an intruder downloaded the archive.")).not.toContain("unexpected-access");
  });
});

describe("concepts and frames are validated at load", () => {
  it("unknown concept, empty class, a frame that can never fire", async () => {
    const problems = await extraPackProblems({
      "concepts.yaml": "apiVersion: nhi-triage/v1\nkind: Concepts\nconcepts:\n  - { id: empty, meaning: nothing, words: [] }\n",
      "symptoms.yaml": [
        "apiVersion: nhi-triage/v1",
        "kind: Symptoms",
        "symptoms:",
        "  - code: odd-one",
        "    leaning: coordination",
        "    meaning: m",
        "    frames:",
        "      - { id: f-one, concepts: [credentail], relation: clause, weight: 0.5 }",
        "      - { id: f-two, concepts: [credential], relation: clause, exclude: [credential], weight: 0.5 }",
        "      - { id: f-three, concepts: [credential], relation: following-sentence, weight: 0.5 }",
        "    phrases:",
        "      - { phrase: applied change, exclude: [repetiton] }",
        "",
      ].join("\n"),
    });
    expect(problems).toEqual([
      '4 concept "empty" is an empty class: give it at least one word',
      '8 unknown concept "credentail"; did you mean "credential"?',
      '9 frame "f-two" needs and excludes "credential", so it can never fire',
      '10 frame "f-three" relates a sentence to the next, so it needs at least two concepts',
      '12 unknown concept "repetiton"; did you mean "repetition"?',
    ]);
  });
});
