import type { GateResult } from "../../src/gate/types.js";

/** A gate result with nothing found, as a formatter test's starting point. */
export function gateResult(over: Partial<GateResult>): GateResult {
  return {
    passed: true,
    failOn: "high",
    strict: false,
    now: "2026-11-23",
    configChanges: [],
    inventory: "inventory.yaml",
    base: { kind: "none" },
    failing: [],
    new: [],
    existing: [],
    resolved: [],
    waived: [],
    expiredWaivers: [],
    staleWaivers: [],
    ...over,
  };
}
