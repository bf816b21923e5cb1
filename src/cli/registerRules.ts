import { Option, type Command } from "commander";
import { SEVERITIES, type Severity } from "../load/severity.js";
import type { Defect } from "../load/schema/rules.js";
import { DEFECT_CHOICES, RULE_LIST_FORMATS, type RuleListFormat } from "../report/ruleListFormat.js";
import { rulesOption } from "./rulesOption.js";

/** Adds `rules list | show | test`; each action loads its module only when it runs, like the other commands. */
export function registerRulesCommand(program: Command, setCode: (code: number) => void): void {
  const rules = program
    .command("rules")
    .description("list, show and test rule packs (the built-in one and yours)")
    .addHelpText("after", "\nExamples:\n  nhi-triage rules list --ref NHI7:2025\n  nhi-triage rules show NHI-STATIC-SECRET\n  nhi-triage rules test fixtures/rule-pack");

  rules
    .command("list")
    .description("one line per rule: id, defect class, severity, scope and title, sorted by id")
    .addOption(new Option("--defect <defect>", "only rules of this defect class").choices(DEFECT_CHOICES))
    .addOption(new Option("--severity <severity>", "only rules of exactly this severity").choices(SEVERITIES))
    .option("--ref <id>", "only rules citing this framework id, or one beneath it (PR.AA also matches PR.AA-05)")
    .addOption(rulesOption())
    .addOption(new Option("--format <format>", "output format").choices(RULE_LIST_FORMATS).default("text"))
    .option("--no-color", "no colour, even on a terminal")
    .addHelpText("after", "\nExample:\n  nhi-triage rules list --defect attribution --ref NHI7:2025")
    .action(async (o: Record<string, unknown>) => {
      const { rulesList } = await import("./rulesList.js");
      setCode(
        await rulesList({
          rules: o.rules as string[],
          format: o.format as RuleListFormat,
          noColor: o.color === false,
          ...(o.defect ? { defect: o.defect as Defect } : {}),
          ...(o.severity ? { severity: o.severity as Severity } : {}),
          ...(o.ref !== undefined ? { ref: o.ref as string } : {}),
        }),
      );
    });

  rules
    .command("show")
    .description("a rule in full: its condition, controls, references, the reasoning it encodes and the cases that exercise it")
    .argument("<id>", "a rule id (or a control id)")
    .addOption(rulesOption())
    .option("--no-color", "no colour, even on a terminal")
    .addHelpText("after", "\nExample:\n  nhi-triage rules show NHI-STATIC-SECRET")
    .action(async (id: string, o: Record<string, unknown>) => {
      const { rulesShow } = await import("./rulesShow.js");
      setCode(await rulesShow({ id, rules: o.rules as string[], noColor: o.color === false }));
    });

  rules
    .command("test")
    .description("run a rule pack's cases (DIR/cases/*.yaml, kind: RuleCases); without DIR, the built-in pack's")
    .argument("[dir]", "the rule pack to test, loaded on top of the built-in one")
    .addOption(rulesOption("another extra rule pack the cases need (repeatable)"))
    .option("--no-color", "no colour, even on a terminal")
    .addHelpText("after", "\nExample:\n  nhi-triage rules test fixtures/rule-pack")
    .action(async (dir: string | undefined, o: Record<string, unknown>) => {
      const { rulesTest } = await import("./rulesTest.js");
      setCode(await rulesTest({ rules: o.rules as string[], noColor: o.color === false, ...(dir !== undefined ? { dir } : {}) }));
    });
}
