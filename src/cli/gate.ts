import { createRequire } from "node:module";
import { runGate } from "../gate/runGate.js";
import type { BaseState, GateResult } from "../gate/types.js";
import { diagnostic, InputError, UsageError, type Diagnostic } from "../load/diagnostic.js";
import { loadInventory, type InventoryIndex } from "../load/loadInventory.js";
import { loadWaivers, type LocatedWaiver } from "../load/loadWaivers.js";
import { readBase } from "../load/readBase.js";
import { readText } from "../load/readText.js";
import type { Severity } from "../load/schema/common.js";
import { formatDiagnostics } from "../report/formatDiagnostics.js";
import type { GateFormat } from "../report/gateFormat.js";
import { formatGateJsonChunks } from "../report/formatGateJson.js";
import { GATE_FORMATTERS } from "../report/gateFormatters.js";
import { gateRules } from "../report/GateReport.js";
import { parseNow } from "./parseNow.js";
import { loadPackFor, projectConfig, reportChanges, type ConfigChoice } from "./settings.js";
import { terminalStyle } from "./style.js";
import { writeOutput } from "./writeOutput.js";

export interface GateOptions {
  /** The head inventory; the project config's when absent. */
  inventory?: string;
  base?: string;
  waivers?: string;
  rules: string[];
  failOn?: Severity;
  format: GateFormat;
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
  const config = await projectConfig(opts.config);
  const { pack, changes } = await loadPackFor(opts.rules, config);
  // Flags win over the project config.
  const inventoryFile = opts.inventory ?? config?.inventory;
  if (!inventoryFile) throw new UsageError("gate needs an inventory: nhi-triage gate <inventory>, or `inventory:` in .nhi-triage.yaml");
  const waiversFile = opts.waivers ?? config?.waivers;
  const failOn = opts.failOn ?? config?.failOn ?? "high";
  // The base is read while the head is parsed; a failure to read it is reported after the head's.
  const baseRead = opts.base === undefined ? undefined : settle(readBase(opts.base, inventoryFile));
  const head = loadInventory(inventoryFile, await readText(inventoryFile));
  const warnings: Diagnostic[] = [];
  const sources = new Map<string, string>();

  let waivers: LocatedWaiver[] = [];
  if (waiversFile) {
    const text = await readText(waiversFile);
    const ids = new Set(gateRules(pack).map((r) => r.id));
    waivers = loadWaivers(waiversFile, text, ids).waivers;
    sources.set(waiversFile, text);
  }

  let base: BaseState = { kind: "none" };
  let baseInventory: InventoryIndex | undefined;
  if (opts.base !== undefined && baseRead !== undefined) {
    const src = await unsettle(await baseRead);
    const given = opts.base;
    if (src.kind === "absent") base = { kind: "absent", given, label: src.label };
    else {
      try {
        baseInventory = loadInventory(src.label, src.text);
        base = { kind: "present", given, label: src.label };
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        base = { kind: "invalid", given, label: src.label, problems: e.diagnostics.length };
        const first = e.diagnostics[0]!;
        warnings.push(diagnostic(src.label, first, `the base inventory is invalid (${first.message}); every finding counts as new`, "warning"));
      }
    }
  }

  const result = runGate({
    pack,
    head,
    ...(baseInventory ? { baseInventory } : {}),
    base,
    waivers,
    ...(waiversFile !== undefined ? { waiversFile } : {}),
    configChanges: changes,
    now,
    failOn,
    strict: opts.strict === true,
  });
  warnings.push(...waiverWarnings(result));

  const style = terminalStyle(opts.output ? process.stderr : process.stdout, opts.noColor || opts.output !== undefined);
  const report = { result, pack, style, version };
  // JSON is what large inventories are read into other tools with: it is written in pieces.
  const text = opts.format === "json" ? formatGateJsonChunks(report) : GATE_FORMATTERS[opts.format](report);
  await writeOutput(text, opts.output, [inventoryFile, ...(waiversFile ? [waiversFile] : []), ...(opts.base ? [opts.base] : [])]);
  // The text report lists them itself.
  if (opts.format !== "text") reportChanges(changes, opts.quiet);
  if (warnings.length && !opts.quiet) process.stderr.write(`${formatDiagnostics(warnings, sources, terminalStyle(process.stderr, opts.noColor))}\n`);
  return result.passed ? 0 : 1;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise that never rejects, so one started early is not an unhandled rejection while the head loads. */
function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

function unsettle<T>(s: Settled<T>): T {
  if (s.ok) return s.value;
  throw s.error;
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
