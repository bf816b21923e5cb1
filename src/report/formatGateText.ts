import type { ExpiredWaiver, GateFinding, WaiverRef } from "../gate/types.js";
import { baseLine, type GateReport } from "./GateReport.js";
import type { Style } from "./style.js";
import { wrap } from "./wrap.js";
import { unknownMark } from "./unknownMark.js";

const WIDTH = 92;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const at = (l: { file: string; line: number; column: number }) => `${l.file}:${l.line}:${l.column}`;

function severity(sev: string, s: Style): string {
  const label = sev.toUpperCase().padEnd(8);
  return sev === "critical" || sev === "high" ? s.red(label) : sev === "medium" ? s.yellow(label) : s.dim(label);
}

function finding(f: GateFinding, fails: boolean, report: GateReport): string[] {
  const { pack, style: s, result } = report;
  const lines = [`  ${at(f.location)}  ${severity(f.severity, s)} ${s.bold(f.rule)}  ${f.subject}${unknownMark(f)}`];
  lines.push(`      ${f.title}${fails ? "" : s.dim(`  (below ${result.failOn}: reported, does not fail the gate)`)}`);
  for (const e of f.evidence) lines.push(wrap(s.dim(e), WIDTH + 20, "      "));
  for (const c of f.controls) lines.push(`      → ${pack.controls.get(c)?.title ?? c}  ${s.dim(c)}`);
  lines.push(wrap(s.dim(`refs: ${f.refs.join(" · ")}`), WIDTH + 20, "      "));
  return lines;
}

function waiverLine(w: WaiverRef | ExpiredWaiver, why: string): string {
  return `  ${at(w.location)}  ${w.rule} ${w.subject}  ${why} (owner ${w.owner})`;
}

/** PR-sized: the verdict, then what is new with file:line, then counts of the rest. */
export function formatGateText(report: GateReport): string {
  return [...formatGateTextChunks(report)].join("");
}

/** The same text in pieces, a finding at a time: a million new findings make more text than one string holds. */
export function* formatGateTextChunks(report: GateReport): Generator<string> {
  const { result: r, style: s } = report;
  const lines = (out: readonly string[]) => `${out.join("\n")}\n`;
  const verdict = r.passed ? s.green(s.bold("GATE PASSED")) : s.red(s.bold("GATE FAILED"));
  const strictFail = r.passed ? "" : r.failing.length === 0 ? " (--strict: waivers need attention)" : "";
  const why = r.failing.length
    ? `${plural(r.failing.length, "new finding")} at or above ${r.failOn}`
    : `no new finding at or above ${r.failOn}${strictFail}`;
  yield lines([`${verdict}  ${why}`, s.dim(`${r.inventory}: ${baseLine(r)}`)]);
  if (r.new.length) {
    const failing = new Set(r.failing.map((f) => f.fingerprint));
    yield lines(["", s.bold(`New (${r.new.length})`)]);
    for (const f of r.new) yield lines(finding(f, failing.has(f.fingerprint), report));
  }
  yield lines(["", `${r.new.length} new · ${r.existing.length} existing · ${r.resolved.length} resolved · ${r.waived.length} waived`]);
  if (r.expiredWaivers.length) {
    yield lines(["", s.bold(`Expired waivers (${r.expiredWaivers.length}): they no longer waive anything`)]);
    for (const w of r.expiredWaivers) yield lines([waiverLine(w, `expired ${w.expires}, ${plural(w.matches.length, "finding")} affected`)]);
  }
  if (r.staleWaivers.length) {
    yield lines(["", s.bold(`Stale waivers (${r.staleWaivers.length}): they match no finding`)]);
    for (const w of r.staleWaivers) yield lines([waiverLine(w, `expires ${w.expires}`)]);
  }
  if (r.configChanges.length) yield lines(["", s.bold("Project config"), ...r.configChanges.map((c) => `  ${c.message}`)]);
  if (r.existing.length || r.waived.length || r.resolved.length) yield lines(["", s.dim("--format json or markdown lists the existing, resolved and waived findings.")]);
}
