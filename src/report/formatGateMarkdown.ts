import type { GateFinding, GateResult, WaivedFinding, WaiverRef } from "../gate/types.js";
import { baseLine, type GateReport } from "./GateReport.js";
import { unknownMark } from "./unknownMark.js";

/**
 * User-written text (ids, reasons, paths) as inert Markdown: HTML becomes entities, Markdown
 * punctuation is backslash-escaped so it cannot open links, emphasis or code spans (`(` and `!`
 * are harmless once `[` is), `|` cannot split a table cell, and `@` cannot mention anyone.
 */
function md(s: string): string {
  return s
    .replace(/\s*[\r\n]+\s*/g, " ")
    .replace(/\t/g, " ")
    .replace(/\p{Cc}/gu, "")
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@/g, "@&#8203;");
}

/** A code span whose fence is longer than any backtick run inside, as CommonMark requires. */
function code(s: string): string {
  const text = s.replace(/[\r\n]+/g, " ");
  const fence = "`".repeat((text.match(/`+/g) ?? []).reduce((longest, run) => Math.max(longest, run.length), 0) + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Quotes a path for a POSIX shell only when it needs it, so the usual command stays readable. */
function shell(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Rows listed per table or list: a comment is read by a person, and a pull request that
 * adds 150k findings needs its verdict and its first findings, not all of them. The JSON
 * and SARIF reports list every one.
 */
export const MARKDOWN_ROWS = 100;

/** The first MARKDOWN_ROWS items, and a line saying how many more there are, if any. */
function listed<T>(items: readonly T[], what: string): { shown: readonly T[]; more: string[] } {
  if (items.length <= MARKDOWN_ROWS) return { shown: items, more: [] };
  const rest = items.length - MARKDOWN_ROWS;
  return { shown: items.slice(0, MARKDOWN_ROWS), more: ["", `… and ${rest} more ${what}${rest === 1 ? "" : "s"}, not listed here (the first ${MARKDOWN_ROWS} are); \`--format json\` or \`--format sarif\` lists every one.`] };
}
const them = (n: number) => (n === 1 ? "it" : "them");
const where = (f: { location: { file: string; line: number } }) => md(`${f.location.file}:${f.location.line}`);
const rule = (f: GateFinding) => `**${md(f.rule)}** ${md(f.title)}${unknownMark(f)}`;
// A change's evidence line already says what it was and what it became.
const why = (f: GateFinding) => md(f.evidence.join("; "));
const row = (cells: string[]) => `| ${cells.join(" | ")} |`;

function table<T>(head: string[], items: readonly T[], cells: (item: T) => string[], what: string): string[] {
  const { shown, more } = listed(items, what);
  return [row(head), row(head.map(() => "---")), ...shown.map((x) => row(cells(x))), ...more];
}

function details(summary: string, body: string[]): string[] {
  return ["", "<details>", `<summary>${summary}</summary>`, "", ...body, "", "</details>"];
}

function newTable(report: GateReport): string[] {
  const { result: r, pack } = report;
  const failing = new Set(r.failing.map((f) => f.fingerprint));
  const ordered = [...r.new.filter((f) => failing.has(f.fingerprint)), ...r.new.filter((f) => !failing.has(f.fingerprint))];
  const cells = (f: GateFinding) => [
    failing.has(f.fingerprint) ? `❌ **${f.severity}**` : `⚠️ ${f.severity} (below ${r.failOn})`,
    rule(f),
    md(f.subject),
    why(f),
    where(f),
    f.controls.map((c) => `${md(pack.controls.get(c)?.title ?? c)} (${md(c)})`).join("<br>"),
    md(f.refs.join(", ")),
  ];
  return ["", `### New findings (${r.new.length})`, "", ...table(["Severity", "Rule", "Subject", "Evidence", "Where", "Apply", "References"], ordered, cells, "new finding")];
}

const waiverItem = (w: WaiverRef, what: string) => `- ${md(w.rule)} on ${md(w.subject)}: ${what} (owner ${md(w.owner)}, ${where(w)})`;

function waiverLists(r: GateResult): string[] {
  const out: string[] = [];
  const consequence = r.strict ? "--strict fails the gate on these" : "these do not fail the gate without --strict";
  if (r.expiredWaivers.length) {
    out.push("", `> [!WARNING]`, `> ${plural(r.expiredWaivers.length, "expired waiver")}: ${r.expiredWaivers.length === 1 ? "it no longer waives" : "they no longer waive"} anything; renew or remove ${them(r.expiredWaivers.length)} (${consequence}).`, "");
    const { shown, more } = listed(r.expiredWaivers, "expired waiver");
    for (const w of shown) out.push(waiverItem(w, `expired ${md(w.expires)}, ${plural(w.matches.length, "finding")} affected`));
    for (const line of more) out.push(line);
  }
  if (r.staleWaivers.length) {
    out.push("", `> [!WARNING]`, `> ${plural(r.staleWaivers.length, "stale waiver")}: ${r.staleWaivers.length === 1 ? "it matches" : "they match"} no finding; remove ${them(r.staleWaivers.length)} (${consequence}).`, "");
    const { shown, more } = listed(r.staleWaivers, "stale waiver");
    for (const w of shown) out.push(waiverItem(w, `expires ${md(w.expires)}`));
    for (const line of more) out.push(line);
  }
  return out;
}

function reproduce(r: GateResult): string {
  const waivers = r.waivers;
  const base = r.base.kind === "none" ? undefined : r.base.given;
  const args = [
    "nhi-triage gate",
    shell(r.inventory),
    ...(base === undefined ? [] : ["--base", shell(base)]),
    ...(waivers === undefined ? [] : ["--waivers", shell(waivers)]),
    ...(r.failOn === "high" ? [] : ["--fail-on", r.failOn]),
    ...(r.strict ? ["--strict"] : []),
    "--now",
    r.now,
  ];
  return code(args.join(" "));
}

/** A pull-request comment: the verdict and what the change added first, the rest folded away. */
export function formatGateMarkdown(report: GateReport): string {
  const r = report.result;
  const out = [r.passed ? "## ✅ nhi-triage gate passed" : "## ❌ nhi-triage gate failed", ""];
  const reason = r.failing.length
    ? `${plural(r.failing.length, "new finding")} at or above **${r.failOn}** ${r.failing.length === 1 ? "fails" : "fail"} the gate`
    : r.passed
      ? `No new finding at or above **${r.failOn}**`
      : `No new finding at or above **${r.failOn}**, but --strict fails the gate on expired or stale waivers`;
  out.push(`${reason}; ${md(baseLine(r))}.`, "");
  out.push(`${r.new.length} new · ${r.existing.length} existing · ${r.resolved.length} resolved · ${r.waived.length} waived`);
  if (r.new.length) out.push(...newTable(report));
  out.push(...waiverLists(r));
  if (r.existing.length) {
    const cells = (f: GateFinding) => [f.severity, rule(f), md(f.subject), why(f), where(f)];
    out.push(...details(`Existing findings (${r.existing.length})`, table(["Severity", "Rule", "Subject", "Evidence", "Where"], r.existing, cells, "existing finding")));
  }
  if (r.waived.length) {
    const cells = (f: WaivedFinding) => [f.severity, rule(f), md(f.subject), f.status, where(f), md(f.waiver.reason), md(f.waiver.owner), md(f.waiver.expires)];
    out.push(...details(`Waived findings (${r.waived.length})`, table(["Severity", "Rule", "Subject", "Status", "Where", "Reason", "Owner", "Expires"], r.waived, cells, "waived finding")));
  }
  if (r.resolved.length) {
    const cells = (f: GateFinding) => [f.severity, rule(f), md(f.subject), `${where(f)} (base)`];
    out.push(...details(`Resolved findings (${r.resolved.length})`, table(["Severity", "Rule", "Subject", "Was at"], r.resolved, cells, "resolved finding")));
  }
  if (r.configChanges.length) out.push("", `**Project config:** ${r.configChanges.map((c) => md(c.message)).join("; ")}`);
  out.push("", "---", `nhi-triage gate · reproduce locally: ${reproduce(r)}`);
  return `${out.join("\n")}\n`;
}
