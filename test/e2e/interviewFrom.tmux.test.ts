// Drives `nhi-triage interview --from TICKET` in a real terminal (tmux): the ticket's own
// answers are shown and not asked again, the rest is asked, and a posture answer added at
// review keeps the observed-led decision. Skipped, with a message, where tmux is not installed.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { tempDir } from "../helpers.js";
import { hasTmux, keys, start, stop, waitFor } from "./tmux.js";

if (!hasTmux) console.warn("tmux is not installed: skipping the interactive interview --from test (test/e2e/interviewFrom.tmux.test.ts)");

describe.skipIf(!hasTmux)("nhi-triage interview --from in a terminal (tmux)", () => {
  afterEach(() => {
    stop();
  });

  it("asks only what the ticket does not say, then keeps orchestration-first when a static CI token is added", async () => {
    const dir = tempDir();
    const ticket = join(dir, "ticket.yaml");
    const saved = join(dir, "incident.yaml");
    writeFileSync(ticket, "apiVersion: nhi-triage/v1\nkind: Incident\nid: INC-T-7\ntitle: Nightly deploy\ndescription: the nightly deploy fired twice and re-applied a migration\n");
    start(`interview --from "${ticket}" --save "${saved}" --now 2026-11-23`);
    const opening = await waitFor("Can your logs say which identity");
    expect(opening).toContain("From the ticket");
    expect(opening).toMatch(/What happened to the jobs\?\n {6}A privileged or expensive step ran again with the same authority/);
    expect(opening).toContain("so far: orchestration-first");
    expect(opening).not.toContain("? What are you seeing?");
    keys("y", "Enter");
    const review = await waitFor("Triage it now, or change an answer?");
    // Title, description and id came from the ticket: never asked.
    expect(review).not.toContain("? A one-line title for the incident");
    expect(review).not.toContain("? Incident id");

    keys("Down", "Enter"); // change an answer
    await waitFor("Which answer?");
    keys("Enter"); // 1. What are you seeing?
    await waitFor("What are you seeing?");
    keys("Down", "Down", "Down", "Space", "Enter"); // add: a secret, key or token
    await waitFor("What about the secret, key or token?");
    keys("Down", "Space", "Down", "Down", "Space", "Enter"); // static and long-lived; the CI stores it
    await waitFor("Is anyone or anything still acting");
    keys("Down", "Enter"); // contained
    await waitFor("Triage it now, or change an answer?", 2);
    keys("Enter");

    const final = await waitFor("EXIT=");
    expect(final).toContain("EXIT=0");
    expect(final).toMatch(/INC-T-7 {2}Nightly deploy\n→ ORCHESTRATION FIRST {2}confidence \d\.\d\d/);
    expect(final).toMatch(/Plan\n {3}1\. \[orchestration\]/);
    expect(parse(readFileSync(saved, "utf8"))).toMatchObject({ id: "INC-T-7", active: false, symptoms: [{ code: "long-lived-secret", standing: true }, { code: "credentials-embedded-in-orchestrator", standing: true }] });
  }, 60_000);
});
