import { didYouMean } from "../load/closest.js";
import { UsageError } from "../load/diagnostic.js";
import { loadRulePack } from "../load/loadRulePack.js";
import { formatControlShow, formatRuleShow } from "../report/formatRuleShow.js";
import { controlView, findRule, ruleView } from "../report/ruleView.js";
import { displayPath } from "./displayPath.js";
import { packCases } from "./packCases.js";
import { packDirs } from "./packDirs.js";
import { terminalStyle } from "./style.js";
import { writeOutput } from "./writeOutput.js";
import { printableDeep } from "../report/printable.js";

export interface RulesShowOptions {
  id: string;
  rules: string[];
  noColor?: boolean;
}

/** Shows one rule (or control) in full, with the cases that exercise it. */
export async function rulesShow(opts: RulesShowOptions): Promise<number> {
  const dirs = packDirs(opts.rules);
  const pack = await loadRulePack(dirs);
  const style = terminalStyle(process.stdout, opts.noColor);
  // Ids are upper-case by rule; accept them typed in lower case.
  const id = [opts.id, opts.id.toUpperCase()].find((x) => findRule(pack, x) !== undefined || pack.controls.has(x)) ?? opts.id;
  const rule = findRule(pack, id);
  if (rule) {
    const cases = (await packCases(dirs, pack)).map((c) => ({ file: displayPath(c.file), cases: c.cases }));
    await writeOutput(formatRuleShow(printableDeep(ruleView(pack, rule, cases)), style, displayPath), undefined);
    return 0;
  }
  if (pack.controls.has(id)) {
    await writeOutput(formatControlShow(printableDeep(controlView(pack, id)), style, displayPath), undefined);
    return 0;
  }
  const known = [...pack.rules.map((r) => r.id), ...pack.changes.map((c) => c.id), ...pack.controls.keys()];
  throw new UsageError(`unknown rule or control "${opts.id}"${didYouMean(opts.id, known) || " (nhi-triage rules list shows them all)"}`);
}
