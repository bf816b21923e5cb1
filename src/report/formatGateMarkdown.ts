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
 * Rows listed per table or list at most: a comment is read by a person, and a pull request that
 * adds 150k findings needs its verdict and its first findings, not all of them. The JSON
 * and SARIF reports list every one.
 */
export const MARKDOWN_ROWS = 100;

/**
 * What the whole comment may take, in UTF-8 bytes. GitHub refuses a comment over 65,536
 * characters; a byte is never less than a character, however it counts them (code points or
 * UTF-16 units), and the margin leaves room for a header a workflow adds. A step summary
 * (1 MiB) then fits too.
 */
export const MARKDOWN_BUDGET = 60_000;

const size = (lines: readonly string[]) => lines.reduce((n, l) => n + Buffer.byteLength(l, "utf8") + 1, 0);

/** The comment as it grows: sections in order of importance, each cut at the first row that would not fit. */
class Page {
  readonly lines: string[] = [];
  private left: number;
  /** What was not listed, by kind, in the order met. */
  readonly omitted = new Map<string, number>();
  constructor(budget: number) {
    this.left = budget;
  }

  /** Lines that are the section's frame or a summary: all of them, or none when they do not fit. */
  add(lines: readonly string[]): boolean {
    const n = size(lines);
    if (n > this.left) return false;
    this.lines.push(...lines);
    this.left -= n;
    return true;
  }

  /** A frame around rows: as many rows as fit (at most MARKDOWN_ROWS), or nothing if not even the first does. */
  rows<T>(items: readonly T[], what: string, open: readonly string[], render: (item: T) => string, close: readonly string[] = []): void {
    if (items.length === 0) return;
    const frame = size(open) + size(close);
    const shown: string[] = [];
    let used = frame;
    for (const item of items.slice(0, MARKDOWN_ROWS)) {
      const line = render(item);
      const n = size([line]);
      if (used + n > this.left) break;
      shown.push(line);
      used += n;
    }
    if (shown.length) this.add([...open, ...shown, ...close]);
    if (items.length > shown.length) this.omitted.set(what, (this.omitted.get(what) ?? 0) + items.length - shown.length);
  }
}

const them = (n: number) => (n === 1 ? "it" : "them");
/** Where a finding is; a link to its line when the run is on GitHub and the file is in the checkout. */
function where(l: { file: string; line: number }, report: GateReport, linked = true): string {
  const text = md(`${l.file}:${l.line}`);
  const blob = report.links?.blob;
  if (!linked || !blob || !report.repo || l.file === "-" || l.file.startsWith("<") || l.file === "." || l.file.startsWith("../") || /^(?:[A-Za-z]:)?[\\/]/.test(l.file)) return text;
  // encodeURIComponent leaves parentheses, which could close the link's destination.
  const path = l.file.split("/").map((p) => encodeURIComponent(p).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join("/");
  return `[${text}](${blob}${path}#L${Math.max(1, l.line)})`;
}
const rule = (f: GateFinding) => `**${md(f.rule)}** ${md(f.title)}${unknownMark(f)}`;
// A change's evidence line already says what it was and what it became.
const why = (f: GateFinding) => md(f.evidence.join("; "));
const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
const tableHead = (head: string[]) => [row(head), row(head.map(() => "---"))];
const details = (summary: string) => ["", "<details>", `<summary>${summary}</summary>`, ""];
const DETAILS_END = ["", "</details>"];

function newTable(page: Page, report: GateReport): void {
  const { result: r, pack } = report;
  const failing = new Set(r.failing.map((f) => f.fingerprint));
  // Failing first, each part most severe first (runGate's order).
  const ordered = [...r.new.filter((f) => failing.has(f.fingerprint)), ...r.new.filter((f) => !failing.has(f.fingerprint))];
  const cells = (f: GateFinding) => [
    failing.has(f.fingerprint) ? `❌ **${f.severity}**` : `⚠️ ${f.severity} (below ${r.failOn})`,
    rule(f),
    md(f.subject),
    why(f),
    where(f.location, report),
    f.controls.map((c) => `${md(pack.controls.get(c)?.title ?? c)} (${md(c)})`).join("<br>"),
    md(f.refs.join(", ")),
  ];
  const open = ["", `### New findings (${r.new.length})`, "", ...tableHead(["Severity", "Rule", "Subject", "Evidence", "Where", "Apply", "References"])];
  page.rows(ordered, "new finding", open, (f) => row(cells(f)));
}

const waiverItem = (w: WaiverRef, what: string, report: GateReport) => `- ${md(w.rule)} on ${md(w.subject)}: ${what} (owner ${md(w.owner)}, ${where(w.location, report)})`;

function waiverLists(page: Page, report: GateReport): void {
  const r = report.result;
  const consequence = r.strict ? "--strict fails the gate on these" : "these do not fail the gate without --strict";
  const expired = r.expiredWaivers.length;
  page.rows(
    r.expiredWaivers,
    "expired waiver",
    ["", `> [!WARNING]`, `> ${plural(expired, "expired waiver")}: ${expired === 1 ? "it no longer waives" : "they no longer waive"} anything; renew or remove ${them(expired)} (${consequence}).`, ""],
    (w) => waiverItem(w, `expired ${md(w.expires)}, ${plural(w.matches.length, "finding")} affected`, report),
  );
  const stale = r.staleWaivers.length;
  page.rows(
    r.staleWaivers,
    "stale waiver",
    ["", `> [!WARNING]`, `> ${plural(stale, "stale waiver")}: ${stale === 1 ? "it matches" : "they match"} no finding; remove ${them(stale)} (${consequence}).`, ""],
    (w) => waiverItem(w, `expires ${md(w.expires)}`, report),
  );
}

/** The one line on what the comment left out, and where every finding is. */
function omittedLine(page: Page, report: GateReport): string[] {
  if (page.omitted.size === 0) return [];
  const counts = [...page.omitted].map(([what, n]) => plural(n, what));
  const run = report.links?.run ? ` of [this run](${report.links.run})` : "";
  return ["", `**Not listed here** (a comment has room for so much): ${counts.join(", ")}. The SARIF upload (code scanning)${run}, \`--format text\` and \`--format json\` list every one.`];
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

/**
 * A pull-request comment, and a step summary: the verdict and what the change added first,
 * most severe first, the rest folded away as room allows, within MARKDOWN_BUDGET whatever the
 * size of the inventory, and one line on what was left out.
 */
export function formatGateMarkdown(report: GateReport): string {
  const r = report.result;
  const reason = r.failing.length
    ? `${plural(r.failing.length, "new finding")} at or above **${r.failOn}** ${r.failing.length === 1 ? "fails" : "fail"} the gate`
    : r.passed
      ? `No new finding at or above **${r.failOn}**`
      : `No new finding at or above **${r.failOn}**, but --strict fails the gate on expired or stale waivers`;
  const head = [
    r.passed ? "## ✅ nhi-triage gate passed" : "## ❌ nhi-triage gate failed",
    "",
    `${reason}; ${md(baseLine(r))}.`,
    "",
    `${r.new.length} new · ${r.existing.length} existing · ${r.resolved.length} resolved · ${r.waived.length} waived`,
  ];
  const config = r.configChanges.length ? ["", `**Project config:** ${r.configChanges.map((c) => md(c.message)).join("; ")}`] : [];
  const foot = ["", "---", `nhi-triage gate · reproduce locally: ${reproduce(r)}`];
  // The line on what was left out is at most a few hundred bytes: kept back from the start.
  const page = new Page(MARKDOWN_BUDGET - 1024 - size(foot));
  page.add(head);
  page.add(config);
  newTable(page, report);
  waiverLists(page, report);
  const existing = (f: GateFinding) => row([f.severity, rule(f), md(f.subject), why(f), where(f.location, report)]);
  page.rows(r.existing, "existing finding", [...details(`Existing findings (${r.existing.length})`), ...tableHead(["Severity", "Rule", "Subject", "Evidence", "Where"])], existing, DETAILS_END);
  const waived = (f: WaivedFinding) => row([f.severity, rule(f), md(f.subject), f.status, where(f.location, report), md(f.waiver.reason), md(f.waiver.owner), md(f.waiver.expires)]);
  page.rows(r.waived, "waived finding", [...details(`Waived findings (${r.waived.length})`), ...tableHead(["Severity", "Rule", "Subject", "Status", "Where", "Reason", "Owner", "Expires"])], waived, DETAILS_END);
  // Resolved findings were at the base, which is no file of this commit: no link.
  const resolved = (f: GateFinding) => row([f.severity, rule(f), md(f.subject), `${where(f.location, report, false)} (base)`]);
  page.rows(r.resolved, "resolved finding", [...details(`Resolved findings (${r.resolved.length})`), ...tableHead(["Severity", "Rule", "Subject", "Was at"])], resolved, DETAILS_END);
  return `${[...page.lines, ...omittedLine(page, report), ...foot].join("\n")}\n`;
}
