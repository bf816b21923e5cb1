import { createRequire } from "node:module";
import { runGate } from "../gate/runGate.js";
import type { BaseState, GateResult } from "../gate/types.js";
import { diagnostic, InputError, type Diagnostic } from "../load/diagnostic.js";
import { loadInventory, type InventoryIndex } from "../load/loadInventory.js";
import { loadRulePack } from "../load/loadRulePack.js";
import { loadWaivers, type LocatedWaiver } from "../load/loadWaivers.js";
import { readBase } from "../load/readBase.js";
import { readText } from "../load/readText.js";
import type { Severity } from "../load/schema/common.js";
import { formatDiagnostics } from "../report/formatDiagnostics.js";
import type { GateFormat } from "../report/gateFormat.js";
import { GATE_FORMATTERS } from "../report/gateFormatters.js";
import { gateRules } from "../report/GateReport.js";
import { BUILTIN_RULES_DIR } from "./builtinRules.js";
import { parseNow } from "./parseNow.js";
import { terminalStyle } from "./style.js";
import { writeOutput } from "./writeOutput.js";

export interface GateOptions {
  inventory: string;
  base?: string;
  waivers?: string;
  rules: string[];
  failOn: Severity;
  format: GateFormat;
  output?: string;
  strict?: boolean;
  noColor?: boolean;
  quiet?: boolean;
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
  const pack = await loadRulePack([BUILTIN_RULES_DIR, ...opts.rules]);
  const head = loadInventory(opts.inventory, await readText(opts.inventory));
  const warnings: Diagnostic[] = [];
  const sources = new Map<string, string>();

  let waivers: LocatedWaiver[] = [];
  if (opts.waivers) {
    const text = await readText(opts.waivers);
    const ids = new Set(gateRules(pack).map((r) => r.id));
    waivers = loadWaivers(opts.waivers, text, ids).waivers;
    sources.set(opts.waivers, text);
  }

  let base: BaseState = { kind: "none" };
  let baseInventory: InventoryIndex | undefined;
  if (opts.base !== undefined) {
    const src = await readBase(opts.base, opts.inventory);
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
    ...(opts.waivers !== undefined ? { waiversFile: opts.waivers } : {}),
    now,
    failOn: opts.failOn,
    strict: opts.strict === true,
  });
  warnings.push(...waiverWarnings(result));

  const style = terminalStyle(opts.output ? process.stderr : process.stdout, opts.noColor || opts.output !== undefined);
  await writeOutput(GATE_FORMATTERS[opts.format]({ result, pack, style, version }), opts.output, [opts.inventory, ...(opts.waivers ? [opts.waivers] : []), ...(opts.base ? [opts.base] : [])]);
  if (warnings.length && !opts.quiet) process.stderr.write(`${formatDiagnostics(warnings, sources, terminalStyle(process.stderr, opts.noColor))}\n`);
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
