import type { InventoryIndex } from "../load/loadInventory.js";
import type { RulePack } from "../load/rulePack.js";
import type { RuleCase } from "../load/schema/cases.js";
import { runRuleCase, type CaseOutcome } from "./runRuleCase.js";

export interface CaseFileInput {
  /** How the file is named in the report. */
  file: string;
  cases: readonly RuleCase[];
  inventory?: InventoryIndex;
  /** Reference date for ages, epoch milliseconds. */
  now: number;
}

export interface CaseFileResult {
  file: string;
  outcomes: CaseOutcome[];
}

/** A rule of the pack under test that no case shows firing, or staying silent, or (when it has its own unknown wording) firing as unknown. */
export interface Uncovered {
  rule: string;
  missing: Array<"positive" | "negative" | "unknown">;
}

export interface RulePackTest {
  files: CaseFileResult[];
  passed: number;
  failed: number;
  uncovered: Uncovered[];
}

/**
 * Runs every case of every file through the same pipeline as `analyze`, and lists the
 * rules in `ownRules` (the pack under test, in the order given) that lack a positive or a
 * negative case (a rule only ever seen firing may fire on everything), or, when they word
 * their unknown finding, a case showing it.
 */
export function testRulePack(pack: RulePack, files: readonly CaseFileInput[], ownRules: readonly string[]): RulePackTest {
  const results = files.map((f) => ({ file: f.file, outcomes: f.cases.map((c) => runRuleCase(c, pack, f.inventory, f.now)) }));
  const outcomes = results.flatMap((r) => r.outcomes);
  const failed = outcomes.filter((o) => o.failures.length > 0).length;
  const cases = files.flatMap((f) => f.cases);
  const positive = new Set(cases.flatMap((c) => c.fires ?? []));
  const negative = new Set(cases.flatMap((c) => c.silent ?? []));
  const unknown = new Set(cases.flatMap((c) => c.unknown ?? []));
  const worded = new Set(pack.rules.filter((r) => r.whenUnknown).map((r) => r.id));
  const uncovered = ownRules
    .map((rule) => ({
      rule,
      missing: [
        ...(positive.has(rule) ? [] : ["positive" as const]),
        ...(negative.has(rule) ? [] : ["negative" as const]),
        ...(worded.has(rule) && !unknown.has(rule) ? ["unknown" as const] : []),
      ],
    }))
    .filter((u) => u.missing.length > 0);
  return { files: results, passed: outcomes.length - failed, failed, uncovered };
}
