import { isAbsolute, relative, resolve } from "node:path";
import { testRulePack } from "../engine/testRulePack.js";
import { UsageError } from "../load/diagnostic.js";
import { loadRuleCases } from "../load/loadRuleCases.js";
import { loadRulePack } from "../load/loadRulePack.js";
import type { RulePack } from "../load/rulePack.js";
import { ruleCaseFiles } from "../load/ruleCaseFiles.js";
import { formatRuleTest } from "../report/formatRuleTest.js";
import { BUILTIN_RULES_DIR } from "./builtinRules.js";
import { displayPath } from "./displayPath.js";
import { packDirs } from "./packDirs.js";
import { parseNow } from "./parseNow.js";
import { terminalStyle } from "./style.js";
import { writeOutput } from "./writeOutput.js";
import { printableDeep } from "../report/printable.js";

export interface RulesTestOptions {
  /** The pack whose cases run; the built-in pack when absent. */
  dir?: string;
  rules: string[];
  noColor?: boolean;
}

function inside(dir: string, file: string): boolean {
  const rel = relative(resolve(dir), resolve(file));
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

/** Rules defined by the pack in `dir`; change rules are left out, since no incident case can exercise them. */
function ownRules(pack: RulePack, dir: string): string[] {
  return pack.rules.filter((r) => {
    const origin = pack.origins.get(r.id);
    return origin !== undefined && inside(dir, origin.file);
  }).map((r) => r.id);
}

/** Runs a rule pack's cases: exit 0 when all pass, 1 when one fails, 2 on bad input. */
export async function rulesTest(opts: RulesTestOptions): Promise<number> {
  const target = opts.dir ?? BUILTIN_RULES_DIR;
  const pack = await loadRulePack(packDirs([...(opts.dir !== undefined ? [opts.dir] : []), ...opts.rules]));
  const files = await ruleCaseFiles(target);
  if (files.length === 0) throw new UsageError(`${target}: no rule cases (expected cases/*.yaml of kind: RuleCases)`);
  const loaded = await loadRuleCases(files, pack);
  const today = parseNow(undefined);
  const inputs = loaded.map((f) => ({
    file: displayPath(f.file),
    cases: f.cases,
    now: f.now ?? today,
    ...(f.inventory ? { inventory: f.inventory } : {}),
  }));
  const result = testRulePack(pack, inputs, ownRules(pack, target));
  await writeOutput(formatRuleTest(printableDeep(result), terminalStyle(process.stdout, opts.noColor)), undefined);
  return result.failed > 0 ? 1 : 0;
}
