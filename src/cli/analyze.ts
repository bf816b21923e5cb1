import { createRequire } from "node:module";
import { portfolio } from "../engine/portfolio.js";
import type { Location } from "../gate/types.js";
import { TEXT_LIMIT } from "../engine/text/textLimit.js";
import { triage } from "../engine/triage.js";
import type { Triage } from "../engine/types.js";
import { diagnostic, InputError, UsageError, type Diagnostic } from "../load/diagnostic.js";
import { loadIncidents } from "../load/loadIncidents.js";
import { symptomPlaces } from "../load/symptomPlaces.js";
import type { FieldAt, WordsAt } from "../load/locateWords.js";
import { loadInventory, type InventoryIndex } from "../load/loadInventory.js";
import { readText } from "../load/readText.js";
import { severityRank, type Severity } from "../load/schema/common.js";
import { ANALYZE_FORMATS } from "../report/analyzeFormat.js";
import { formatJsonChunks } from "../report/formatJson.js";
import { ANALYZE_FORMATTERS } from "../report/analyzeFormatters.js";
import { formatDiagnostics } from "../report/formatDiagnostics.js";
import { expandPaths } from "./expandPaths.js";
import { parseNow } from "./parseNow.js";
import { loadPackFor, projectConfig, reportChanges, type ConfigChoice } from "./settings.js";
import { terminalStyle } from "./style.js";
import { formatTargets } from "./formatTargets.js";
import { writeReports } from "./writeReports.js";
import { withheldNote } from "./writeOutput.js";
import { busy } from "./interrupt.js";

const { version } = createRequire(import.meta.url)("../../package.json") as { version: string };

export interface AnalyzeOptions {
  paths: string[];
  inventory?: string;
  rules: string[];
  /** `--format NAME[=FILE]` as given, any number of times (none: text). */
  formats: string[];
  output?: string;
  failOn?: Severity;
  noColor?: boolean;
  quiet?: boolean;
  config?: ConfigChoice;
  now?: string;
}

const PROGRESS_THRESHOLD = 20;

const READ_AHEAD = 16;

const COUNT = new Intl.NumberFormat("en-US");
/** What an analyze input may be, for the messages about a binary or non-UTF-8 file. */
const ANY_TEXT = "a text file (an incident or a ticket)";

/** Analyses every readable file, reports the unreadable ones, and returns the exit code. */
export async function analyze(opts: AnalyzeOptions): Promise<number> {
  const now = parseNow(opts.now);
  const reports = formatTargets(opts.formats, ANALYZE_FORMATS, opts.output, "text");
  const sarif = reports.some((r) => r.format === "sarif");
  const config = await projectConfig(opts.config);
  const { pack, changes } = await loadPackFor(opts.rules, config);
  // Flags win over the project config.
  const inventoryFile = opts.inventory ?? config?.inventory;
  let inventory: InventoryIndex | undefined;
  if (inventoryFile) {
    const text = await readText(inventoryFile);
    inventory = busy(text.length, () => loadInventory(inventoryFile, text));
  }

  const { files, problems, batch: several, discovered, passed } = await expandPaths(opts.paths);
  // One JSON file can hold a list of issues: its report is a batch as well.
  let batch = several;
  const skipped: Array<{ file: string; kind: string }> = passed.map((file) => ({ file, kind: "README-like" }));
  if (files.length === 0 && problems.length === 0) throw new UsageError("no incident files given");
  const errors: Diagnostic[] = [...problems];
  const warnings: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const results: Triage[] = [];
  const seenIds = new Map<string, string>();
  const origins = new Map<string, Location>();
  const wordsAt = new Map<string, ReadonlyMap<string, WordsAt | FieldAt>>();
  const progress = !opts.quiet && process.stderr.isTTY && files.length > PROGRESS_THRESHOLD;

  // Reads run ahead of the analysis, a few at a time: one file after another, a batch of
  // 10k small tickets spends most of its time waiting for the disk.
  const reads: Array<Promise<{ text: string } | { error: unknown }> | undefined> = [];
  const read = (j: number) => (reads[j] ??= readText(files[j]!, /\.ya?ml$/i.test(files[j]!) ? {} : { expected: ANY_TEXT }).then((text) => ({ text }), (error: unknown) => ({ error })));
  for (const [i, file] of files.entries()) {
    if (progress) process.stderr.write(`\ranalysing ${i + 1}/${files.length}`);
    try {
      for (let j = i; j < Math.min(files.length, i + READ_AHEAD); j++) void read(j);
      const got = await read(i);
      reads[i] = undefined;
      if ("error" in got) throw got.error;
      const { text } = got;
      // A folder may also hold the inventory, a rule pack or other JSON; those are not incidents to analyse.
      const input = busy(text.length, () => loadIncidents(file, text, pack, inventory, discovered.has(file)));
      if ("skipped" in input) {
        skipped.push({ file, kind: input.skipped });
        continue;
      }
      if (input.list) batch = true;
      for (const loaded of input.loaded) {
        for (const w of loaded.ticket?.warnings ?? []) {
          sources.set(file, text);
          warnings.push(w);
        }
        const prev = seenIds.get(loaded.incident.id);
        if (prev) {
          sources.set(file, text);
          errors.push(diagnostic(file, loaded.doc.locate(["id"]), `duplicate incident id "${loaded.incident.id}" (also in ${prev})`));
          continue;
        }
        seenIds.set(loaded.incident.id, file);
        const a = loaded.incident.affected;
        if (!inventory && (a?.identities?.length || a?.workflows?.length || a?.agents?.length)) {
          sources.set(file, text);
          warnings.push(diagnostic(file, loaded.doc.locate(["affected"]), "names affected ids but no --inventory was given: their posture was not checked", "warning"));
        }
        const told = (loaded.incident.title?.length ?? 0) + (loaded.incident.description?.length ?? 0);
        if (told > TEXT_LIMIT) {
          sources.set(file, text);
          warnings.push(diagnostic(file, loaded.doc.locate(["description"]), `the text is ${COUNT.format(told)} characters: only the first ${COUNT.format(TEXT_LIMIT)} were read for symptoms (past that a ticket is pasted logs; keep the part that tells what happened)`, "warning"));
        }
        const at = loaded.doc.locate(["id"]);
        origins.set(loaded.incident.id, { file, line: at?.line ?? 1, column: at?.column ?? 1 });
        const result = busy(text.length, () => triage(loaded.incident, pack, inventory, { now, ...(batch ? { file } : {}) }));
        results.push(result);
        // Only SARIF points into the ticket; the text maps are not kept past this file.
        if (sarif) wordsAt.set(loaded.incident.id, symptomPlaces(result, loaded, text, pack.aliases));
      }
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      for (const d of e.diagnostics) errors.push(d);
      for (const [f, t] of e.sources) sources.set(f, t);
    }
  }
  if (progress) process.stderr.write("\r\x1b[K");

  const report = { results, batch, summary: portfolio(results), errors, pack, origins, wordsAt, ...(inventory ? { inventory } : {}), version };
  // Bad input is exit 2: a file then would look like the report of the whole batch; stdout still shows what was read.
  const written = errors.length ? reports.filter((r) => r.file === undefined) : reports;
  await writeReports(written, (format, style) =>
    // A batch's JSON is written in pieces: 10k incidents make a report of a few hundred MB.
    format === "json" ? formatJsonChunks({ ...report, style }) : ANALYZE_FORMATTERS[format]({ ...report, style }), opts.noColor);
  reportChanges(changes, opts.quiet);
  const unwritten = reports.flatMap((r) => (r.file !== undefined && !written.includes(r) ? [r.file] : []));

  if (skipped.length && !opts.quiet) {
    process.stderr.write(`${skippedNote(skipped)}\n`);
  }
  const shown = [...(opts.quiet ? [] : summariseWarnings(warnings)), ...errors];
  if (shown.length) process.stderr.write(`${formatDiagnostics(shown, sources, terminalStyle(process.stderr, opts.noColor))}\n`);
  for (const file of unwritten) process.stderr.write(withheldNote(file));
  if (errors.length) return 2;
  if (opts.failOn !== undefined) {
    const bar = severityRank(opts.failOn);
    if (results.some((r) => r.findings.some((f) => severityRank(f.severity) >= bar))) return 1;
  }
  return 0;
}

/** One line however many files were skipped: counts by kind and the first few paths. */
function skippedNote(skipped: ReadonlyArray<{ file: string; kind: string }>, keep = 3): string {
  const kinds = new Map<string, number>();
  for (const s of skipped) kinds.set(s.kind, (kinds.get(s.kind) ?? 0) + 1);
  const byKind = [...kinds].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `${n} ${k}`).join(", ");
  const shown = skipped.slice(0, keep).map((s) => s.file).join(", ");
  const more = skipped.length > keep ? `, and ${skipped.length - keep} more` : "";
  return `note: skipped ${skipped.length} file${skipped.length === 1 ? "" : "s"} in the folders that are not incidents (${byKind}): ${shown}${more}`;
}

/** The same warning on many files says nothing more after the first few: fold it into one line. */
function summariseWarnings(warnings: readonly Diagnostic[], keep = 3): Diagnostic[] {
  const byMessage = new Map<string, Diagnostic[]>();
  for (const w of warnings) byMessage.set(w.message, [...(byMessage.get(w.message) ?? []), w]);
  return [...byMessage.values()].flatMap((group) =>
    group.length <= keep
      ? group
      : [...group.slice(0, keep), { ...group[keep]!, line: 0, column: 0, file: `${group.length - keep} more files`, message: `also: ${group[0]!.message}` }],
  );
}
