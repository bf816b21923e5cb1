import { didYouMean } from "../load/closest.js";
import { UsageError } from "../load/diagnostic.js";
import { loadRulePack } from "../load/loadRulePack.js";
import type { Defect } from "../load/schema/rules.js";
import type { Severity } from "../load/severity.js";
import { formatRuleList } from "../report/formatRuleList.js";
import { listRules } from "../report/listRules.js";
import type { RuleListFormat } from "../report/ruleListFormat.js";
import { packDirs } from "./packDirs.js";
import { terminalStyle } from "./style.js";
import { writeOutput } from "./writeOutput.js";
import { printableDeep } from "../report/printable.js";

export interface RulesListOptions {
  rules: string[];
  defect?: Defect;
  severity?: Severity;
  ref?: string;
  format: RuleListFormat;
  noColor?: boolean;
}

/** Lists the rules of the built-in pack and any extra packs, one line each. */
export async function rulesList(opts: RulesListOptions): Promise<number> {
  const pack = await loadRulePack(packDirs(opts.rules));
  if (opts.ref !== undefined && !pack.catalog.has(opts.ref)) {
    // A filter on an id no rule can cite would print nothing and look like "no rule cites it".
    const successor = pack.crosswalk.get(opts.ref);
    const hint = successor?.length ? `; it is a NIST CSF 1.1 id, its CSF 2.0 successor is ${successor.join(", ")}` : didYouMean(opts.ref, pack.catalog.keys());
    throw new UsageError(`--ref ${opts.ref}: not a framework id in the catalog${hint}`);
  }
  const filter = {
    ...(opts.defect !== undefined ? { defect: opts.defect } : {}),
    ...(opts.severity !== undefined ? { severity: opts.severity } : {}),
    ...(opts.ref !== undefined ? { ref: opts.ref } : {}),
  };
  const style = terminalStyle(process.stdout, opts.noColor || opts.format !== "text");
  await writeOutput(formatRuleList(opts.format === "text" ? printableDeep(listRules(pack, filter)) : listRules(pack, filter), filter, opts.format, style), undefined);
  return 0;
}
