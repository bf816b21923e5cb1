import { createRequire } from "node:module";
import { headPosture, runGate } from "../gate/runGate.js";
import type { BaseState, GateResult } from "../gate/types.js";
import { diagnostic, problemCount, type Diagnostic } from "../load/diagnostic.js";
import { loadInventory, type InventoryIndex } from "../load/loadInventory.js";
import { loadWaivers, type LocatedWaiver } from "../load/loadWaivers.js";
import { readText } from "../load/readText.js";
import type { Severity } from "../load/schema/common.js";
import { formatDiagnostics } from "../report/formatDiagnostics.js";
import { GATE_FORMATS, type GateFormat } from "../report/gateFormat.js";
import { gateOutput } from "../report/gateFormatters.js";
import { parseNow } from "./parseNow.js";
import { reportChanges, type ConfigChoice } from "./settings.js";
import { gateSettings, type GatePacks } from "./gateSettings.js";
import { terminalStyle } from "./style.js";
import { formatTargets, type FormatTarget } from "./formatTargets.js";
import { writeReports } from "./writeReports.js";
import { waiverRequest, writeWaivers, type WaiverRequest, type WriteWaiversFlags } from "./gateWriteWaivers.js";
import { busy } from "./interrupt.js";
import { startBase, type PendingBase } from "./loadBase.js";
import { discoverBase, discoverHead, type DiscoverGate } from "./gateDiscover.js";
import type { GateHead } from "./gateSettings.js";
import type { BaseRef } from "../load/readBase.js";
import type { BaseTree } from "../load/baseTree.js";
import type { DefaultPermissions } from "../load/sources/github/workflowPermissions.js";
import { UsageError } from "../load/diagnostic.js";
import { projectConfig } from "./settings.js";
import { reportPlace } from "./reportPlace.js";

export interface GateOptions extends WriteWaiversFlags {
  /** The head inventory; the project config's when absent. */
  inventory?: string;
  /** Discover the head (and a commit base) from these sources instead; true: the config's, else `.`. */
  discover?: string[] | true;
  githubDefaultPermissions?: DefaultPermissions;
  /** Laid over both sides' discovered inventories (the base's as its commit has it). */
  overlay?: string;
  base?: string;
  waivers?: string;
  rules: string[];
  failOn?: Severity;
  /** `--format NAME[=FILE]` as given, any number of times (none: text). */
  formats: string[];
  output?: string;
  strict?: boolean;
  noColor?: boolean;
  quiet?: boolean;
  config?: ConfigChoice;
  now?: string;
}

const { version } = createRequire(import.meta.url)("../../package.json") as { version: string };

/**
 * Fails closed: an unreadable or invalid head inventory, waivers file or rule pack, or a
 * base ref git cannot resolve, is exit 2 and never a pass. A base that exists but is
 * invalid is judged as "everything new", which can only fail more, never pass more.
 */
export async function gate(opts: GateOptions): Promise<number> {
  const now = parseNow(opts.now);
  const reports = formatTargets(opts.formats, GATE_FORMATS, opts.output, "text");
  const adopt = waiverRequest(opts, now, { formats: opts.formats, output: opts.output });
  if (opts.discover === undefined && (opts.overlay !== undefined || opts.githubDefaultPermissions !== undefined)) {
    // Without discovery the inventory file is judged as written: the flag would do nothing.
    const config = opts.inventory === undefined ? await projectConfig(opts.config) : undefined;
    if (!config?.discover) throw new UsageError(`${opts.overlay !== undefined ? "--overlay" : "--github-default-permissions"} is for gate --discover (or \`discover:\` in the config): an inventory file is judged as written`);
  }
  const settings = await gateSettings(opts);
  const { head: choice, base: baseRef } = settings;
  const d: DiscoverGate | undefined =
    choice.kind === "discover"
      ? {
          paths: choice.paths,
          settings: opts.githubDefaultPermissions ? { githubDefaultPermissions: opts.githubDefaultPermissions } : {},
          ...(opts.overlay !== undefined ? { overlay: opts.overlay } : {}),
        }
      : undefined;
  // The base is read (and for a large inventory, loaded on a worker thread) while the rules
  // and the head are loaded and judged; a problem reading it is reported after theirs.
  const pending = baseRef === undefined ? undefined : startHeadBase(baseRef, choice, d, settings.tree);
  try {
    const packs = await settings.packs();
    const head = d ? await discoverHead(d) : { label: choice.kind === "file" ? choice.file : "-", text: undefined, warnings: [], sources: new Map<string, string>() };
    return await judge({ ...opts, reports, adopt }, { ...settings, ...packs, now, inventoryFile: head.label }, pending, head);
  } finally {
    pending?.cancel();
    await settings.dispose();
  }
}

interface Settings extends GatePacks {
  now: number;
  inventoryFile: string;
  waiversFile: string | undefined;
  failOn: Severity;
}

/** The base beside the head: an inventory file's own path at the commit, or discovery of the same paths there. */
function startHeadBase(baseRef: BaseRef, choice: GateHead, d: DiscoverGate | undefined, tree: BaseTree | undefined): PendingBase {
  if (!d || baseRef.kind === "file" || !tree) return startBase(baseRef, choice.kind === "file" ? choice.file : "-");
  const result = discoverBase(tree, d);
  // Settled later; a rejection now must not count as unhandled while the head loads.
  result.catch(() => undefined);
  return { result, cancel: () => undefined };
}

interface HeadText {
  label: string;
  /** Given when discovered; else read from the file `label` names. */
  text: string | undefined;
  warnings: Diagnostic[];
  sources: Map<string, string>;
}

/** The options once checked: the reports to write, or the waivers to write instead. */
interface JudgeOptions extends GateOptions {
  reports: FormatTarget<GateFormat>[];
  adopt: WaiverRequest | undefined;
}

async function judge(opts: JudgeOptions, settings: Settings, pending: PendingBase | undefined, given: HeadText): Promise<number> {
  const { now, pack, changes, weakenings, inventoryFile, waiversFile, failOn } = settings;
  const headText = given.text ?? (await readText(inventoryFile));
  // Reading, checking and judging a large inventory takes seconds without a turn of the event loop.
  const head = busy(headText.length, () => loadInventory(inventoryFile, headText));
  const warnings: Diagnostic[] = [...given.warnings];
  const sources = new Map<string, string>(given.sources);

  let waivers: LocatedWaiver[] = [];
  if (waiversFile) {
    const text = await readText(waiversFile);
    waivers = busy(text.length, () => loadWaivers(waiversFile, text, settings.waivable, settings.unwaivable)).waivers;
    sources.set(waiversFile, text);
  }

  // Before waiting for the base: this half needs none.
  const posture = busy(headText.length, () => headPosture(pack, head, now));
  let base: BaseState = { kind: "none" };
  let baseInventory: InventoryIndex | undefined;
  if (opts.base !== undefined && pending !== undefined) {
    const loaded = await pending.result;
    const given = opts.base;
    if (loaded.kind === "absent") base = { kind: "absent", given, label: loaded.label };
    else if (loaded.kind === "loaded") {
      baseInventory = loaded.inventory;
      base = { kind: "present", given, label: loaded.label };
    } else {
      base = { kind: "invalid", given, label: loaded.label, problems: problemCount(loaded.diagnostics) };
      const first = loaded.diagnostics[0]!;
      warnings.push(diagnostic(first.file || loaded.label, first, `the base inventory is invalid (${first.message}); every finding counts as new`, "warning"));
    }
  }

  const result = busy(headText.length, () =>
    runGate({
      pack,
      head,
      ...(baseInventory ? { baseInventory } : {}),
      base,
      waivers,
      ...(waiversFile !== undefined ? { waiversFile } : {}),
      configChanges: changes,
      weakenings,
      now,
      failOn,
      strict: opts.strict === true,
      headPosture: posture,
    }),
  );
  // One per stale or expired waiver: a long-lived waivers file can hold far more than fit in a call.
  for (const w of waiverWarnings(result)) warnings.push(w);

  // Judged once, however many reports are written.
  const adopted = opts.adopt ? await writeWaivers(opts.adopt, result, settings, waiversFile, now) : undefined;
  if (!adopted) {
    const place = await reportPlace(given.text === undefined);
    await writeReports(opts.reports, (format, style) => gateOutput(format, { result, pack, style, version, ...place }), opts.noColor);
  }
  // The text report lists them itself.
  if (adopted || opts.reports.every((r) => r.format !== "text")) reportChanges(changes, opts.quiet);
  if (warnings.length && !opts.quiet) process.stderr.write(`${formatDiagnostics(warnings, sources, terminalStyle(process.stderr, opts.noColor))}\n`);
  if (adopted) {
    process.stderr.write(`${adopted.join("\n")}\n`);
    return 0;
  }
  return result.passed ? 0 : 1;
}

function waiverWarnings(r: GateResult): Diagnostic[] {
  return [
    ...r.expiredWaivers.map((w) =>
      diagnostic(w.location.file, w.location, `waiver for ${w.rule} on ${w.subject} expired on ${w.expires}; it no longer waives (${w.matches.length} finding${w.matches.length === 1 ? "" : "s"} affected)`, "warning"),
    ),
    ...r.staleWaivers.map((w) =>
      diagnostic(w.location.file, w.location, `stale waiver: ${w.rule} on ${w.subject} matches no finding; remove it${r.strict ? "" : " (--strict fails the gate on this)"}`, "warning"),
    ),
  ];
}
