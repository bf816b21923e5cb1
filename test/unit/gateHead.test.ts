import { describe, expect, it } from "vitest";
import { gateHead } from "../../src/cli/gateSettings.js";
import type { ProjectConfig } from "../../src/load/loadConfig.js";

const config = (c: Partial<ProjectConfig>) => ({ file: "/r/.nhi-triage.yaml", rulePacks: [], rules: {}, text: "", ...c }) as ProjectConfig;

describe("gateHead", () => {
  it("refuses an inventory and --discover at once", () => {
    expect(() => gateHead({ inventory: "inv.yaml", discover: ["."] }, undefined)).toThrow(/not both/);
    expect(() => gateHead({ inventory: "inv.yaml", discover: true }, undefined)).toThrow(/not both/);
  });
  it("lets the command line win over the config, and discover: win over inventory: in it", () => {
    const both = config({ inventory: "/r/inv.yaml", discover: ["/r/src"] });
    expect(gateHead({ inventory: "x.yaml" }, both)).toEqual({ kind: "file", file: "x.yaml" });
    expect(gateHead({ discover: ["a", "b"] }, both)).toEqual({ kind: "discover", paths: ["a", "b"] });
    expect(gateHead({ discover: true }, both)).toEqual({ kind: "discover", paths: ["/r/src"] });
    expect(gateHead({}, both)).toEqual({ kind: "discover", paths: ["/r/src"] });
    expect(gateHead({}, config({ inventory: "/r/inv.yaml" }))).toEqual({ kind: "file", file: "/r/inv.yaml" });
  });
  it("discovers . for a bare --discover, and has nothing to judge without either", () => {
    expect(gateHead({ discover: true }, undefined)).toEqual({ kind: "discover", paths: ["."] });
    expect(gateHead({}, config({}))).toBeUndefined();
  });
});
