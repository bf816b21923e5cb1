import fc from "fast-check";
import { afterAll, beforeAll, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { describeCase, makeTargets, type FuzzCase } from "./generators.mjs";
import { makeScratch, removeScratch, runCase } from "./harness.mjs";

/** Test-sized inputs: huge strings of up to 20,000 characters, nesting a few thousand deep. */
const TARGETS = makeTargets({ hugeMax: 20_000, deepMax: 100, nestMax: 2_000 });

/** A case slower than this is a failure (a hang, or a blow-up on some input). */
export const CASE_LIMIT_MS = 10_000;

/**
 * One test per target: `runs` cases from a fixed seed, each run in-process through main()
 * with files in a temporary folder that is removed afterwards. On failure fast-check
 * shrinks the case and prints the seed, the path to replay it and the counterexample.
 */
export function fuzzTargets(runs: Record<string, number>, seed: number): void {
  let scratch = "";
  beforeAll(() => {
    scratch = makeScratch();
  });
  afterAll(() => removeScratch(scratch));
  for (const [name, numRuns] of Object.entries(runs)) {
    const target = TARGETS.find((t) => t.name === name);
    if (!target) throw new Error(`no fuzz target ${name}`);
    it(`${name}: ${numRuns} mutated and generated inputs exit 0, 1 or 2, in time, with a positioned error`, async () => {
      await fc.assert(
        fc.asyncProperty(target.arbitrary, async (c: FuzzCase) => {
          const r = await runCase(main, c, scratch, CASE_LIMIT_MS);
          if (r.problem) throw new Error(`${r.problem}\n--- case ---\n${describeCase(c)}`);
        }),
        // The time cap keeps a slow machine from timing the test out mid-shrink (and losing the report).
        { seed, numRuns, plugins: [fc.interruptAfterTimeLimit(150_000)] },
      );
    }, 240_000);
  }
}
