import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers.js";
import { run } from "./run.js";

/**
 * Inputs large enough to break the tool before issue 14 (a crash, a stack overflow, an
 * out-of-memory abort, or minutes of work), small enough to run here in seconds. Each runs
 * the built CLI and checks its output and exit code; speed itself is the benchmark's.
 */

const NOW = ["--now", "2026-11-23"];

describe("free text: the phrase detector on a long description", () => {
  it("a 1 MB description whose phrase words never meet in one window is triaged (the search took minutes)", () => {
    // "second run … repeated" is a phrase of three words within 8; here they are 12 apart.
    const description = `${"second run ".repeat(50_000)}${"x ".repeat(12)}${"repeated ".repeat(50_000)}`;
    const dir = tempDir("nhi-scale-");
    const file = join(dir, "incident.yaml");
    writeFileSync(file, `apiVersion: nhi-triage/v1\nkind: Incident\nid: INC-LONG\ndescription: ${JSON.stringify(description)}\n`);
    const r = run(["analyze", file, "--format", "json", ...NOW]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const triage = JSON.parse(r.stdout) as { incident: string; decision: string };
    expect(triage.incident).toBe("INC-LONG");
    expect(triage.decision).toMatch(/^(orchestration-first|identity-first|both|insufficient-evidence)$/);
  });
});
