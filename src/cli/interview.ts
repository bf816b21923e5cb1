import { dirname, resolve } from "node:path";
import { stringify } from "yaml";
import { portfolio } from "../engine/portfolio.js";
import { triage } from "../engine/triage.js";
import { Cancelled, inquirerPrompter } from "../interview/prompts.js";
import { runInterview } from "../interview/runInterview.js";
import type { AnswerValue } from "../interview/session.js";
import { blankStart, ticketStart } from "../interview/ticketStart.js";
import { UsageError } from "../load/diagnostic.js";
import { loadAnswers } from "../load/loadAnswers.js";
import { loadSingleIncident } from "../load/loadSingleIncident.js";
import { loadInventory, type InventoryIndex } from "../load/loadInventory.js";
import type { RulePack } from "../load/rulePack.js";
import { readText } from "../load/readText.js";
import type { Incident } from "../load/schema/incident.js";
import type { AnalyzeFormat } from "../report/analyzeFormat.js";
import { ANALYZE_FORMATTERS } from "../report/analyzeFormatters.js";
import { modeline } from "../report/jsonSchemas.js";
import { parseNow } from "./parseNow.js";
import { loadPackFor, projectConfig, reportChanges, type ConfigChoice } from "./settings.js";
import { terminalStyle } from "./style.js";
import { checkOutput, writeOutput } from "./writeOutput.js";
import { replacesAFile } from "./outputTarget.js";
import { isDirectory } from "../load/pathKind.js";

export interface InterviewOptions {
  inventory?: string;
  /** A ticket to start from: what it already says is not asked again. */
  from?: string;
  answers?: string;
  save?: string;
  rules: string[];
  format: AnalyzeFormat;
  noColor?: boolean;
  now?: string;
  config?: ConfigChoice;
}

/** Exit code for Ctrl-C, as shells report a SIGINT. */
export const CANCELLED = 130;

/** The saved incident: a plain `kind: Incident` file that analyze reads back to the same triage. */
export function incidentYaml(incident: Incident, now: number): string {
  const header = `${modeline("incident")}# Written by nhi-triage interview (reference date ${new Date(now).toISOString().slice(0, 10)}).\n# Triage it again with: nhi-triage analyze <this file>\n`;
  return header + stringify(incident, { lineWidth: 0 });
}

/**
 * The ticket `--from` names, read as analyze reads an incident. The one place a ticket is
 * loaded for the interview, so reading other ticket formats is a change here alone.
 */
async function readTicket(file: string, pack: RulePack, inventory: InventoryIndex | undefined): Promise<Incident> {
  return loadSingleIncident(file, await readText(file), pack, inventory).incident;
}

/** Refuses a --save target before any question is asked, so no answers are typed in vain. */
async function checkSaveTarget(save: string, interactive: boolean): Promise<void> {
  await checkOutput(save, "--save");
  if (!(await isDirectory(dirname(resolve(save))))) {
    throw new UsageError(`--save ${save}: the folder ${dirname(save)} does not exist`);
  }
  // A device or a FIFO is written into, not overwritten.
  if (!interactive && (await replacesAFile(save))) {
    throw new UsageError(`--save ${save}: the file exists; refusing to overwrite it (remove it or choose another path)`);
  }
}

/**
 * Interactive on a terminal; `--answers` replays saved answers without one. Nothing is
 * written until the end, so Ctrl-C (exit 130) leaves no half-done file behind.
 */
export async function interview(opts: InterviewOptions): Promise<number> {
  const now = parseNow(opts.now);
  const interactive = opts.answers === undefined;
  if (interactive && !(process.stdin.isTTY && process.stdout.isTTY)) {
    throw new UsageError(
      "interview asks its questions on a terminal, and this is not one. To script it, replay saved answers: " +
        "nhi-triage interview --answers answers.yaml (kind: Answers). To triage an incident file you already have: nhi-triage analyze incident.yaml",
    );
  }
  const config = await projectConfig(opts.config);
  const { pack, changes } = await loadPackFor(opts.rules, config);
  reportChanges(changes, false);
  const inventoryFile = opts.inventory ?? config?.inventory;
  let inventory: InventoryIndex | undefined;
  if (inventoryFile) inventory = loadInventory(inventoryFile, await readText(inventoryFile));
  const style = terminalStyle(process.stdout, opts.noColor);
  // Read before --save is checked: the answers are among the files it must not replace.
  const answersText = opts.answers === undefined ? undefined : await readText(opts.answers);
  if (opts.save) await checkSaveTarget(opts.save, interactive);

  const ctx = { hasInventory: inventory !== undefined };
  const start = opts.from === undefined ? blankStart(pack, ctx) : ticketStart(pack, await readTicket(opts.from, pack, inventory), ctx);

  let answers: Map<string, AnswerValue>;
  const prompter = interactive ? inquirerPrompter() : undefined;
  try {
    answers = prompter
      ? await runInterview(pack, inventory, now, { prompter, print: (l) => process.stdout.write(`${l}\n`), style }, start)
      : loadAnswers(opts.answers!, answersText!, pack.questions, inventory, start.answers);
    const incident = start.incident(answers);
    const result = triage(incident, pack, inventory, { now });
    if (interactive) process.stdout.write("\n");
    const report = { results: [result], batch: false, summary: portfolio([result]), errors: [], pack, style };
    process.stdout.write(ANALYZE_FORMATTERS[opts.format](report));
    if (opts.save) {
      if (prompter && (await replacesAFile(opts.save)) && !(await prompter.confirm(`${opts.save} exists. Overwrite it?`, false))) {
        process.stderr.write(`not saved: ${opts.save} was left as it was\n`);
        return 0;
      }
      const text = incidentYaml(incident, now);
      try {
        await writeOutput(text, opts.save, "--save");
      } catch (e) {
        // The responder's answers must not be lost to a full disk or a vanished folder.
        process.stderr.write(`could not save to ${opts.save} (${e instanceof Error ? e.message : String(e)}); the incident follows, copy it:\n${text}`);
        return 2;
      }
      process.stderr.write(`saved the incident to ${opts.save}\n`);
    }
    return 0;
  } catch (e) {
    if (!(e instanceof Cancelled)) throw e;
    process.stderr.write("\ncancelled: nothing was saved\n");
    return CANCELLED;
  }
}
