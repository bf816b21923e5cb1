import { Argument, Command, CommanderError, Option } from "commander";
import { createRequire } from "node:module";
import { InputError, UsageError } from "../load/diagnostic.js";
import { forgetInputs, setMaxInputBytes } from "../load/readText.js";
import { SEVERITIES, type Severity } from "../load/severity.js";
import { ANALYZE_FORMATS, INTERVIEW_FORMATS, type AnalyzeFormat } from "../report/analyzeFormat.js";
import { collectFormat } from "./formatTargets.js";
import { completeWith } from "./describeProgram.js";
import type { WriteWaiversFlags } from "./gateWriteWaivers.js";
import { SCHEMA_NAMES, type SchemaName } from "../report/schemaNames.js";
import { registerRefsCommand } from "./registerRefs.js";
import { registerRulesCommand } from "./registerRules.js";
import { registerCompletionCommand } from "./registerCompletion.js";
import type { ConfigChoice } from "./settings.js";
import { GATE_FORMATS } from "../report/gateFormat.js";
import { formatDiagnostics } from "../report/formatDiagnostics.js";
import { redactText } from "../redact/redactText.js";
import { printableText } from "../report/printable.js";
import { terminalStyle } from "./style.js";
import { rulesOption } from "./rulesOption.js";
import { installInterruptHandlers } from "./interrupt.js";
import { stdoutFailure, watchStdio } from "./watchStdio.js";
import { cannotWrite } from "./cannotWrite.js";

const REPORT_URL = "https://github.com/nhi-triage/nhi-triage/issues";
const { version } = createRequire(import.meta.url)("../../package.json") as { version: string };

function program(setCode: (code: number) => void): Command {
  const p = new Command("nhi-triage")
    .description("Decide whether orchestration or identity controls come first for a non-human-identity failure.")
    .version(version)
    .option("-q, --quiet", "no progress or warnings on stderr")
    .option("--debug", "show the stack of an internal error")
    .option("--config <file>", "project config (default: the nearest .nhi-triage.yaml upward, up to the repository's root)")
    .option("--no-config", "ignore any project config")
    .option("--max-input <MB>", "largest input file to read, in MB (default 64)")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(redactText(s)) });

  p.command("analyze")
    .description("triage incidents and tickets: YAML incidents, Markdown or text tickets, GitHub or Jira issues as JSON; files, folders (searched for *.yaml, *.yml, *.json, *.md, *.txt) or - for stdin")
    .argument("<path...>", "incident files, folders, or -")
    .option("--inventory <file>", "NHI inventory the incidents' affected ids resolve against")
    .addOption(rulesOption())
    .addOption(completeWith(new Option("-f, --format <name[=file]>", formatHelp(ANALYZE_FORMATS)).argParser(collectFormat), ANALYZE_FORMATS))
    .option("-o, --output <file>", "write the report (the --format without =FILE) to a file instead of stdout")
    .addOption(new Option("--fail-on <severity>", "exit 1 when a finding is at or above this severity").choices(SEVERITIES))
    .option("--now <date>", "reference date for credential ages (default: today)")
    .option("--no-color", "no colour, even on a terminal")
    .addHelpText("after", "\nExamples:\n  nhi-triage analyze fixtures/incidents --inventory fixtures/inventory.yaml --format json\n  nhi-triage analyze fixtures/incidents -f markdown=triage.md -f sarif=triage.sarif\n  gh issue view 123 --json number,title,body,labels,createdAt > ticket.json && nhi-triage analyze ticket.json")
    .action(async (paths: string[], o: Record<string, unknown>, cmd: Command) => {
      const { analyze } = await import("./analyze.js");
      const g = cmd.optsWithGlobals();
      setCode(
        await analyze({
          paths,
          config: g.config as ConfigChoice,
          rules: o.rules as string[],
          formats: (o.format as string[] | undefined) ?? [],
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
    .option("--from <ticket>", "start from an incident file: what it already says is not asked again")
    .option("--answers <file>", "replay saved answers (kind: Answers) without a terminal")
    .option("--save <file>", "write the incident as a kind: Incident file that analyze reads")
    .addOption(new Option("-f, --format <format>", "output format of the triage").choices(INTERVIEW_FORMATS).default("text"))
    .addOption(rulesOption())
    .option("--now <date>", "reference date for credential ages (default: today)")
    .option("--no-color", "no colour, even on a terminal")
    .addHelpText("after", "\nExamples:\n  nhi-triage interview --inventory fixtures/inventory.yaml --save incident.yaml\n  nhi-triage interview --answers fixtures/answers/incidents/inc-01-retry-replays-migration.yaml --inventory fixtures/inventory.yaml\n  nhi-triage interview --from incident.yaml")
    .action(async (o: Record<string, unknown>, cmd: Command) => {
      const { interview } = await import("./interview.js");
      setCode(
        await interview({
          config: cmd.optsWithGlobals().config as ConfigChoice,
          rules: o.rules as string[],
          format: o.format as AnalyzeFormat,
          noColor: o.color === false,
          ...(o.inventory ? { inventory: o.inventory as string } : {}),
          ...(o.answers ? { answers: o.answers as string } : {}),
          ...(o.from ? { from: o.from as string } : {}),
          ...(o.save ? { save: o.save as string } : {}),
          ...(o.now ? { now: o.now as string } : {}),
        }),
      );
    });

  p.command("gate")
    .description("check the posture of an NHI inventory; as a CI gate, fail when a change adds risk")
    .argument("[inventory]", "the inventory file, the head of the change (default: the project config's)")
    .option("--base <file|git-ref>", "the inventory before the change: git:REF (the same path read from that commit), file:PATH, or either (a commit first; both is an error)")
    .option("--discover [path...]", "discover the inventory from these sources instead of reading one (default: the config's `discover:`, else .); with a git --base, the same paths are discovered at that commit")
    .option("--overlay <file>", "with --discover: what people know, merged by id (the base commit's own copy for the base)")
    .addOption(new Option("--github-default-permissions <setting>", "with --discover: the repository's default GITHUB_TOKEN permissions").choices(["permissive", "restricted"]))
    .option("--waivers <file>", "accepted risks (kind: Waivers)")
    .addOption(new Option("--fail-on <severity>", "fail on new findings at or above this severity (default: the project config's, else high)").choices(SEVERITIES))
    .addOption(completeWith(new Option("-f, --format <name[=file]>", formatHelp(GATE_FORMATS)).argParser(collectFormat), GATE_FORMATS))
    .option("-o, --output <file>", "write the report (the --format without =FILE) to a file instead of stdout")
    .option("--strict", "also fail on stale or expired waivers")
    .option("--write-waivers <file>", "adopt the gate: write a waiver for every finding that fails it now (creates FILE, or appends to it keeping what it holds), instead of a report; needs --owner, --expires and --reason")
    .option("--owner <team>", "with --write-waivers: who answers for the waivers")
    .option("--expires <date>", "with --write-waivers: the last day the waivers apply (UTC), after today and at most a year ahead")
    .option("--reason <text>", "with --write-waivers: why the findings are accepted for now")
    .addOption(rulesOption())
    .option("--now <date>", "reference date for ages and waiver expiry (default: today)")
    .option("--no-color", "no colour, even on a terminal")
    .addHelpText(
      "after",
      [
        "\nExamples:",
        "  nhi-triage gate inventory.yaml --base git:origin/main --waivers waivers.yaml",
        "  nhi-triage gate --discover . --base git:origin/main --format sarif --output nhi.sarif",
        "  nhi-triage gate fixtures/gate/head.yaml --base fixtures/gate/base.yaml -f sarif=nhi.sarif -f markdown=comment.md -f github",
        "  nhi-triage gate inventory.yaml --write-waivers waivers.yaml --owner team-platform --expires 2027-06-30 --reason \"adopted with the findings of the day\"",
      ].join("\n"),
    )
    .action(async (inventory: string | undefined, o: Record<string, unknown>, cmd: Command) => {
      const { gate } = await import("./gate.js");
      const g = cmd.optsWithGlobals();
      setCode(
        await gate({
          ...(inventory !== undefined ? { inventory } : {}),
          ...(o.discover !== undefined ? { discover: o.discover as string[] | true } : {}),
          ...(o.overlay ? { overlay: o.overlay as string } : {}),
          ...(o.githubDefaultPermissions ? { githubDefaultPermissions: o.githubDefaultPermissions as "permissive" | "restricted" } : {}),
          config: g.config as ConfigChoice,
          rules: o.rules as string[],
          ...(o.failOn ? { failOn: o.failOn as Severity } : {}),
          formats: (o.format as string[] | undefined) ?? [],
          strict: o.strict === true,
          noColor: o.color === false,
          quiet: g.quiet === true,
          ...(o.base !== undefined ? { base: o.base as string } : {}),
          ...(o.waivers ? { waivers: o.waivers as string } : {}),
          ...(o.output ? { output: o.output as string } : {}),
          ...(o.now ? { now: o.now as string } : {}),
          ...waiverFlags(o),
        }),
      );
    });

  p.command("discover")
    .description("write an NHI inventory from the sources under the paths (GitHub Actions workflows, recognised by content)")
    .argument("[path...]", "files or folders to search (default: .)")
    .option("-o, --output <file>", "write the inventory to a file instead of stdout")
    .option("--overlay <file>", "merge what people know (owner, teams, environments, idempotency, compensation, approvals) by id from an Overlay file")
    .option("--update <file>", "refresh the source facts of this inventory in place, keeping every other field and comment (with --output: write the result there)")
    .addOption(new Option("--github-default-permissions <setting>", "the repository's default GITHUB_TOKEN permissions, for jobs without a permissions block (default: unknown)").choices(["permissive", "restricted"]))
    .option("--github-environments <file>", "the repository's environments (`gh api repos/OWNER/REPO/environments`), for the approvals of jobs that name one (default: unknown)")
    .option("--no-color", "no colour, even on a terminal")
    .addHelpText("after", "\nExamples:\n  nhi-triage discover . --output inventory.yaml\n  nhi-triage discover . --github-environments environments.json\n  nhi-triage discover fixtures/sources --github-default-permissions restricted | nhi-triage gate -\n  nhi-triage discover fixtures/sources --overlay fixtures/discover/nhi-overlay.yaml\n  nhi-triage discover . --update nhi-inventory.yaml")
    .action(async (paths: string[], o: Record<string, unknown>, cmd: Command) => {
      const { discover } = await import("./discover.js");
      setCode(
        await discover({
          paths: paths.length ? paths : ["."],
          noColor: o.color === false,
          quiet: cmd.optsWithGlobals().quiet === true,
          ...(o.output ? { output: o.output as string } : {}),
          ...(o.overlay ? { overlay: o.overlay as string } : {}),
          ...(o.update ? { update: o.update as string } : {}),
          ...(o.githubDefaultPermissions ? { githubDefaultPermissions: o.githubDefaultPermissions as "permissive" | "restricted" } : {}),
          ...(o.githubEnvironments ? { githubEnvironments: o.githubEnvironments as string } : {}),
        }),
      );
    });

  p.command("schema")
    .description("print the JSON Schema of a file kind, for editors and other tools")
    .addArgument(new Argument("<kind>", "which file kind").choices(SCHEMA_NAMES))
    .option("-o, --output <file>", "write it to a file instead of stdout")
    .addHelpText("after", "\nExample:\n  nhi-triage schema inventory --output inventory.schema.json")
    .action(async (kind: SchemaName, o: Record<string, unknown>) => {
      const { schema } = await import("./schema.js");
      setCode(await schema({ name: kind, ...(o.output ? { output: o.output as string } : {}) }));
    });

  p.command("init")
    .description("write a starter inventory, waivers file, example incident and project config (never overwrites)")
    .argument("[dir]", "where to write them", ".")
    .addHelpText("after", "\nExample:\n  nhi-triage init nhi && cd nhi && nhi-triage gate")
    .action(async (dir: string) => {
      const { init } = await import("./init.js");
      setCode(await init({ dir }));
    });

  registerRulesCommand(p, setCode);
  registerRefsCommand(p, setCode);
  registerCompletionCommand(p, setCode);
  return p;
}

/** Commander's help line for a repeatable `--format NAME[=FILE]`. */
function formatHelp(formats: readonly string[]): string {
  return `output format: ${formats.join(", ")} (default text); NAME=FILE writes that report to FILE, and repeated, one run writes several (at most one without =FILE)`;
}

function waiverFlags(o: Record<string, unknown>): WriteWaiversFlags {
  const flags: WriteWaiversFlags = {};
  for (const k of ["writeWaivers", "owner", "expires", "reason"] as const) if (typeof o[k] === "string") flags[k] = o[k];
  return flags;
}

/** The one place where errors become exit codes: 2 for bad input or usage, 3 for a bug. */
export async function main(argv: string[]): Promise<void> {
  // Ctrl-C or a kill: exit 130/143 with one line, and no temporary file left behind.
  installInterruptHandlers();
  watchStdio();
  forgetInputs();
  let code = 0;
  const debug = argv.includes("--debug");
  try {
    const p = program((c) => (code = c));
    p.hook("preAction", (_cmd, action) => {
      const mb = action.optsWithGlobals().maxInput as string | undefined;
      if (mb === undefined) return;
      if (!/^\d+(\.\d+)?$/.test(mb) || Number(mb) <= 0) throw new UsageError(`--max-input ${mb}: expected a size in MB, e.g. 512`);
      setMaxInputBytes(Number(mb) * 1024 * 1024);
    });
    await p.parseAsync(argv, { from: "user" });
  } catch (e) {
    code = exitCodeFor(e, debug, argv.includes("--no-color"));
  }
  const lost = stdoutFailure();
  // The report is lost (a full disk under `>`): whatever the verdict, that is an error.
  if (lost) code = Math.max(code, exitCodeFor(cannotWrite("to stdout", lost), debug, argv.includes("--no-color")));
  process.exitCode = code;
}

function exitCodeFor(e: unknown, debug: boolean, noColor: boolean): number {
  const style = terminalStyle(process.stderr, noColor);
  if (e instanceof CommanderError) {
    if (e.code === "commander.helpDisplayed" || e.code === "commander.version") return 0;
    // Help shown because a subcommand is missing (`nhi-triage rules`) is a usage error.
    if (e.code === "commander.help") return e.exitCode === 0 ? 0 : 2;
    return 2;
  }
  if (e instanceof InputError) {
    process.stderr.write(`${formatDiagnostics(e.diagnostics, e.sources, style)}\n`);
    return 2;
  }
  if (e instanceof UsageError) {
    process.stderr.write(`${style.red("error")}  ${printableText(redactText(e.message))}\n`);
    return 2;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`${style.red("internal error")}  ${printableText(redactText(message))}\nThis is a bug in nhi-triage; please report it at ${REPORT_URL}.\n`);
  if (debug && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  else process.stderr.write("Run again with --debug to see the stack.\n");
  return 3;
}

