// Drives `nhi-triage interview` in a real terminal (tmux): answers a full path, goes back
// once to change an answer, and checks the final screen and the saved file. Skipped, with a
// message, where tmux is not installed.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { tempDir } from "../helpers.js";
import { run } from "./run.js";
import { hasTmux, keys, start, stop, type, waitFor } from "./tmux.js";

if (!hasTmux) console.warn("tmux is not installed: skipping the interactive interview tests (test/e2e/interview.tmux.test.ts)");

describe.skipIf(!hasTmux)("nhi-triage interview in a terminal (tmux)", () => {
  afterEach(() => {
    stop();
  });

  it("answers a full path, goes back once to change an answer, shows the triage and saves the incident", async () => {
    const saved = join(tempDir(), "incident.yaml");
    start(`interview --inventory fixtures/inventory.yaml --save "${saved}" --now 2026-11-23`);
    await waitFor("What are you seeing?");
    keys("Space", "Enter"); // jobs
    await waitFor("What happened to the jobs?");
    keys("Space", "Down", "Space", "Enter"); // retried, replayed
    await waitFor("so far: orchestration-first");
    await waitFor("Can your logs say which identity");
    keys("y", "Enter");
    await waitFor("Which identities were involved?");
    type("svc-deploy");
    await waitFor("❯ svc-deploy");
    keys("Enter");
    await waitFor("(picked: svc-deploy)");
    keys("Enter"); // done
    await waitFor("Which workflows were involved?");
    type("nightly");
    await waitFor("❯ nightly-deploy");
    keys("Enter");
    await waitFor("(picked: nightly-deploy)");
    keys("Enter");
    await waitFor("A one-line title for the incident");
    type("Deploy ran the migration twice");
    keys("Enter");
    await waitFor("Anything else?");
    keys("Enter");
    await waitFor("Incident id");
    type("INC-T-1");
    keys("Enter");
    await waitFor("Triage it now, or change an answer?");

    keys("Down", "Enter"); // change an answer
    await waitFor("Which answer?");
    keys("Enter"); // 1. What are you seeing?
    await waitFor("What are you seeing?", 2);
    keys("Down", "Down", "Down", "Space", "Enter"); // add: a secret leaked
    await waitFor("What about the secret, key or token?");
    keys("Space", "Enter"); // leaked
    await waitFor("Is anyone or anything still acting");
    keys("Enter"); // ongoing
    await waitFor("Triage it now, or change an answer?", 2);
    keys("Enter");

    const final = await waitFor("EXIT=");
    expect(final).toContain("EXIT=0");
    expect(final).toMatch(/INC-T-1 {2}Deploy ran the migration twice\n→ [A-Z ]+ {2}confidence \d\.\d\d.*CONTAIN FIRST/);
    expect(final).toContain(`saved the incident to ${saved}`);
    const incident = parse(readFileSync(saved, "utf8"));
    expect(incident).toMatchObject({
      kind: "Incident",
      id: "INC-T-1",
      active: true,
      symptoms: ["repeated-retries", "privileged-step-replayed", "leaked-secret"],
      affected: { identities: ["svc-deploy"], workflows: ["nightly-deploy"] },
    });
    const back = run(["analyze", saved, "--inventory", "fixtures/inventory.yaml", "--now", "2026-11-23"]);
    expect(back.code).toBe(0);
    expect(final).toContain(back.stdout.split("\n")[1]!); // the same decision line
  }, 60_000);

  it("Ctrl-C leaves with exit code 130 and writes nothing", async () => {
    const saved = join(tempDir(), "incident.yaml");
    start(`interview --save "${saved}"`);
    await waitFor("What are you seeing?");
    keys("C-c");
    const final = await waitFor("EXIT=");
    expect(final).toContain("EXIT=130");
    expect(final).toContain("cancelled: nothing was saved");
    expect(existsSync(saved)).toBe(false);
  }, 30_000);
});
