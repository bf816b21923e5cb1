import { describe } from "vitest";
import { fuzzTargets } from "./fuzzTargets.js";

describe("fuzz: rule packs with mutated and generated rules, controls, symptoms, changes and questions", () => {
  fuzzTargets({ rules: 150 }, 20261104);
});
