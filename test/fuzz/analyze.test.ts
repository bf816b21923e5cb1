import { describe } from "vitest";
import { fuzzTargets } from "./fuzzTargets.js";

describe("fuzz: analyze with mutated and generated incidents and inventories", () => {
  fuzzTargets({ analyze: 150, "analyze-inventory": 150 }, 20261101);
});
