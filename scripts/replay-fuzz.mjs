// Replays one fuzz counterexample printed by `npm run fuzz` and writes its files to a folder,
// so it can be run by hand:  node scripts/replay-fuzz.mjs TARGET SEED PATH [DIR]
// (HUGE as FUZZ_HUGE, default 200000, must match the run that printed it.)
import fc from "fast-check";
import { mkdirSync } from "node:fs";
import { describeCase, longRunTargets } from "../test/fuzz/generators.mjs";
import { materialize } from "../test/fuzz/harness.mjs";

const [name, seed, path, dir = "/tmp/nhi-replay"] = process.argv.slice(2);
if (!name || !seed || !path) {
  console.error("usage: node scripts/replay-fuzz.mjs TARGET SEED PATH [DIR]");
  process.exit(2);
}
const huge = process.env.FUZZ_HUGE ? Number(process.env.FUZZ_HUGE) : 200_000;
const target = longRunTargets(huge).find((t) => t.name === name);
if (!target) {
  console.error(`no fuzz target ${name}`);
  process.exit(2);
}
let found;
fc.check(fc.property(target.arbitrary, (c) => {
  found = c;
  return true;
}), { seed: Number(seed), path, numRuns: 1 });
mkdirSync(dir, { recursive: true });
const m = materialize(found, dir);
console.log(describeCase(found, 3000));
console.log(`\nfiles in ${m.dir}\nargv: ${JSON.stringify(m.argv)}`);
