import { Option, type Command } from "commander";
import { REFS_FORMATS, type RefsFormat } from "../report/refsFormat.js";
import type { ConfigChoice } from "./settings.js";
import { rulesOption } from "./rulesOption.js";

/** Adds `refs`: what the framework catalog holds and which rules and controls cite each id. */
export function registerRefsCommand(program: Command, setCode: (code: number) => void): void {
  program
    .command("refs")
    .description("the framework catalog (OWASP NHI, NIST CSF 2.0, MAESTRO, …) and which rules and controls cite each id")
    .argument("[id]", "a framework id, e.g. NHI7:2025, PR.AA-05, MAESTRO-L4, ASI03")
    // Not .choices(): an extra rule pack can add frameworks, so the names are known only once it is loaded.
    .option("--framework <name>", "list one framework's entries and the rules that detect each")
    .addOption(rulesOption())
    .addOption(new Option("--format <format>", "output format").choices(REFS_FORMATS).default("text"))
    .option("--no-color", "no colour, even on a terminal")
    .addHelpText("after", "\nExamples:\n  nhi-triage refs NHI7:2025\n  nhi-triage refs --framework owasp-nhi")
    .action(async (id: string | undefined, o: Record<string, unknown>, cmd: Command) => {
      const { refs } = await import("./refs.js");
      const g = cmd.optsWithGlobals();
      setCode(
        await refs({
          rules: o.rules as string[],
          format: o.format as RefsFormat,
          noColor: o.color === false,
          quiet: g.quiet === true,
          config: g.config as ConfigChoice,
          ...(id !== undefined ? { id } : {}),
          ...(o.framework !== undefined ? { framework: o.framework as string } : {}),
        }),
      );
    });
}
