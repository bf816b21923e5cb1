// `npm run eval`: how well the built tool (dist/) answers the corpora in fixtures/ and reads
// the labelled sentences in fixtures/sentences/. It reports; it is not a gate: exit 0 whatever
// the scores, 2 on a malformed corpus file or bad usage. See docs/evaluation.md.
//   node scripts/eval.mjs [--json] [--fixtures DIR]
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { formatEvalJson, formatEvalText } from "../dist/eval/formatEval.js";
import { runEval } from "../dist/eval/runEval.js";
import { InputError } from "../dist/load/diagnostic.js";
import { loadRulePack } from "../dist/load/loadRulePack.js";

const root = fileURLToPath(new URL("..", import.meta.url));
// The date the tests use, so credential ages, and so the figures, do not drift with the calendar.
const NOW = Date.parse("2026-11-23");

const args = process.argv.slice(2);
let json = false;
let fixtures = relative(process.cwd(), `${root}fixtures`) || ".";
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--json") json = true;
  else if (args[i] === "--fixtures" && args[i + 1] !== undefined) fixtures = args[++i];
  else {
    console.error(`nhi-triage eval: unknown argument "${args[i]}"\nusage: node scripts/eval.mjs [--json] [--fixtures DIR]`);
    process.exit(2);
  }
}

try {
  const report = runEval(fixtures, await loadRulePack([`${root}rules`]), NOW);
  process.stdout.write(json ? formatEvalJson(report) : formatEvalText(report));
} catch (e) {
  if (!(e instanceof InputError)) throw e;
  console.error(`nhi-triage eval: malformed corpus file\n${e.message}`);
  process.exit(2);
}
