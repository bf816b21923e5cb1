import { describe } from "vitest";
import { fuzzTargets } from "./fuzzTargets.js";

describe("fuzz: gate with a mutated or generated head, base and waivers file", () => {
  fuzzTargets({ "gate-head": 120, "gate-base": 100, "gate-waivers": 100 }, 20261102);
});
