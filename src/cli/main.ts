import { Command, CommanderError, Option } from "commander";
import { createRequire } from "node:module";
import { InputError, UsageError } from "../load/diagnostic.js";
import { SEVERITIES, type Severity } from "../load/severity.js";
import { ANALYZE_FORMATS, type AnalyzeFormat } from "../report/analyzeFormat.js";
import { GATE_FORMATS, type GateFormat } from "../report/gateFormat.js";
import { formatDiagnostics } from "../report/formatDiagnostics.js";
import { terminalStyle } from "./style.js";

const REPORT_URL = "https://github.com/nhi-triage/nhi-triage/issues";
const { version } = createRequire(import.meta.url)("../../package.json") as { version: string };

function program(setCode: (code: number) => void): Command {
  const p = new Command("nhi-triage")
    .description("Decide whether orchestration or identity controls come first for a non-human-identity failure.")
    .version(version)
    .option("--quiet", "no progress or warnings on stderr")
    .option("--debug", "show the stack of an internal error")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  p.command("analyze")
    .description("triage incident files, folders (searched for *.yaml, *.yml) or - for stdin")
    .argument("<path...>", "incident files, folders, or -")
    .option("--inventory <file>", "NHI inventory the incidents' affected ids resolve against")
    .option("--rules <dir>", "an extra rule pack (repeatable)", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .addOption(new Option("--format <format>", "output format").choices(ANALYZE_FORMATS).default("text"))
    .option("--output <file>", "write the report to a file instead of stdout")
    .addOption(new Option("--fail-on <severity>", "exit 1 when a finding is at or above this severity").choices(SEVERITIES))
    .option("--now <date>", "reference date for credential ages (default: today)")
    .option("--no-color", "no colour, even on a terminal")
    .addHelpText("after", "\nExample:\n  nhi-triage analyze fixtures/incidents --inventory fixtures/inventory.yaml --format json")
    .action(async (paths: string[], o: Record<string, unknown>, cmd: Command) => {
      const { analyze } = await import("./analyze.js");
      const g = cmd.optsWithGlobals();
      setCode(
        await analyze({
          paths,
          rules: o.rules as string[],
          format: o.format as AnalyzeFormat,
          noColor: o.color === false,
          quiet: g.quiet === true,
          ...(o.inventory ? { inventory: o.inventory as string } : {}),
          ...(o.output ? { output: o.output as string } : {}),
          ...(o.failOn ? { failOn: o.failOn as Severity } : {}),
          ...(o.now ? { now: o.now as string } : {}),
        }),
      );
    });

  p.command("interview")
    .description("an adaptive questionnaire for a responder mid-incident, then the same triage as analyze")
    .option("--inventory <file>", "offer the inventory's identities, workflows and agents to pick from")
    .option("--answers <file>", "replay saved answers (kind: Answers) without a terminal")
    .option("--save <file>", "write the incident as a kind: Incident file that analyze reads")
    .addOption(new Option("--format <format>", "output format of the triage").choices(ANALYZE_FORMATS).default("text"))
    .option("--rules <dir>", "an extra rule pack (repeatable)", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option("--now <date>", "reference date for credential ages (default: today)")
    .option("--no-color", "no colour, even on a terminal")
    .addHelpText("after", "\nExamples:\n  nhi-triage interview --inventory fixtures/inventory.yaml --save incident.yaml\n  nhi-triage interview --answers fixtures/answers/incidents/inc-01-retry-replays-migration.yaml --inventory fixtures/inventory.yaml")
    .action(async (o: Record<string, unknown>) => {
      const { interview } = await import("./interview.js");
      setCode(
        await interview({
          rules: o.rules as string[],
          format: o.format as AnalyzeFormat,
          noColor: o.color === false,
          ...(o.inventory ? { inventory: o.inventory as string } : {}),
          ...(o.answers ? { answers: o.answers as string } : {}),
          ...(o.save ? { save: o.save as string } : {}),
          ...(o.now ? { now: o.now as string } : {}),
        }),
      );
    });

  p.command("gate")
    .description("check the posture of an NHI inventory; as a CI gate, fail when a change adds risk")
    .argument("<inventory>", "the inventory file (the head of the change)")
    .option("--base <file|git-ref>", "the inventory before the change: a file, or a git ref to read the same path from")
    .option("--waivers <file>", "accepted risks (kind: Waivers)")
    .addOption(new Option("--fail-on <severity>", "fail on new findings at or above this severity").choices(SEVERITIES).default("high"))
    .addOption(new Option("--format <format>", "output format").choices(GATE_FORMATS).default("text"))
    .option("--output <file>", "write the report to a file instead of stdout")
    .option("--strict", "also fail on stale or expired waivers")
    .option("--rules <dir>", "an extra rule pack (repeatable)", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option("--now <date>", "reference date for ages and waiver expiry (default: today)")
    .option("--no-color", "no colour, even on a terminal")
    .addHelpText(
      "after",
      "\nExamples:\n  nhi-triage gate inventory.yaml --base origin/main --waivers waivers.yaml\n  nhi-triage gate fixtures/gate/head.yaml --base fixtures/gate/base.yaml --format sarif --output nhi.sarif",
    )
    .action(async (inventory: string, o: Record<string, unknown>, cmd: Command) => {
      const { gate } = await import("./gate.js");
      const g = cmd.optsWithGlobals();
      setCode(
        await gate({
          inventory,
          rules: o.rules as string[],
          failOn: o.failOn as Severity,
          format: o.format as GateFormat,
          strict: o.strict === true,
          noColor: o.color === false,
          quiet: g.quiet === true,
          ...(o.base !== undefined ? { base: o.base as string } : {}),
          ...(o.waivers ? { waivers: o.waivers as string } : {}),
          ...(o.output ? { output: o.output as string } : {}),
          ...(o.now ? { now: o.now as string } : {}),
        }),
      );
    });
  return p;
}

/** The one place where errors become exit codes: 2 for bad input or usage, 3 for a bug. */
export async function main(argv: string[]): Promise<void> {
  // `nhi-triage … | head` closes the pipe early; that is the reader's choice, not an error.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    process.exit(process.exitCode ?? 0);
  });
  let code = 0;
  const debug = argv.includes("--debug");
  try {
    await program((c) => (code = c)).parseAsync(argv, { from: "user" });
  } catch (e) {
    code = exitCodeFor(e, debug);
  }
  process.exitCode = code;
}

function exitCodeFor(e: unknown, debug: boolean): number {
  const style = terminalStyle(process.stderr, argvNoColor());
  if (e instanceof CommanderError) {
    return e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help" ? 0 : 2;
  }
  if (e instanceof InputError) {
    process.stderr.write(`${formatDiagnostics(e.diagnostics, e.sources, style)}\n`);
    return 2;
  }
  if (e instanceof UsageError) {
    process.stderr.write(`${style.red("error")}  ${e.message}\n`);
    return 2;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`${style.red("internal error")}  ${message}\nThis is a bug in nhi-triage; please report it at ${REPORT_URL}.\n`);
  if (debug && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  else process.stderr.write("Run again with --debug to see the stack.\n");
  return 3;
}

function argvNoColor(): boolean {
  return process.argv.includes("--no-color");
}
