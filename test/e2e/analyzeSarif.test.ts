import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";
import { run } from "./run.js";

const ajv = new Ajv({ allErrors: true, strict: false });
// ajv-formats is CommonJS: under NodeNext the default import is its module object.
addFormats.default(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, "test/sarif-schema-2.1.0.json"), "utf8")));

describe("nhi-triage analyze --format sarif (end to end)", () => {
  it("is valid SARIF 2.1.0 with a line on every result, pointing inventory findings into the inventory", () => {
    const r = run(["analyze", "fixtures/incidents", "--inventory", "fixtures/inventory.yaml", "--format", "sarif", "--now", "2026-11-23"]);
    expect(r.code).toBe(0);
    const log = JSON.parse(r.stdout);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run0 = log.runs[0];
    expect(run0.results.length).toBeGreaterThan(50);
    const uris = new Set<string>();
    for (const res of run0.results) {
      const loc = res.locations[0].physicalLocation;
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      expect(run0.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(res.partialFingerprints["nhiTriage/v1"]).toMatch(/^[0-9a-f]{32}$/);
      uris.add(loc.artifactLocation.uri);
    }
    expect(uris.has("fixtures/inventory.yaml")).toBe(true);
    expect([...uris].some((u) => u.startsWith("fixtures/incidents/"))).toBe(true);
    expect(run0.properties.triages).toHaveLength(19);
  });

  it("reports unreadable files as notifications and exits 2", () => {
    const r = run(["analyze", "fixtures/incidents/inc-01-retry-replays-migration.yaml", "fixtures/invalid/bad-yaml.yaml", "--format", "sarif"]);
    expect(r.code).toBe(2);
    const log = JSON.parse(r.stdout);
    expect(validate(log)).toBe(true);
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(log.runs[0].invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri).toBe("fixtures/invalid/bad-yaml.yaml");
  });
});
