import { describe } from "vitest";
import { fuzzTargets } from "./fuzzTargets.js";

describe("fuzz: interview --answers, and the project config", () => {
  fuzzTargets({ interview: 150, config: 80 }, 20261103);
});
