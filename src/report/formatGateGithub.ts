import type { GateFinding, Location } from "../gate/types.js";
import type { GateReport } from "./GateReport.js";
import { unknownMark } from "./unknownMark.js";

/** GitHub's own escaping for workflow command data (actions/toolkit, command.ts). */
function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Property values also end at `,` and the data starts after `::`, so those are escaped too. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function command(kind: "error" | "warning" | "notice", props: Array<[string, string | number]>, message: string): string {
  const list = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(",");
  return `::${kind}${list ? ` ${list}` : ""}::${escapeData(message)}`;
}

const where = (l: Location): Array<[string, string | number]> => [
  // Annotations need the path as GitHub sees it in the repository: forward slashes.
  ["file", l.file.replace(/\\/g, "/")],
  ["line", Math.max(1, l.line)],
  ["col", Math.max(1, l.column)],
];
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function annotation(kind: "error" | "warning", f: GateFinding, report: GateReport, note: string): string {
  const controls = f.controls.map((c) => report.pack.controls.get(c)?.title ?? c).join(", ");
  const message = `${f.subject}: ${f.evidence.join("; ")}${controls ? ` → ${controls}` : ""}${note}`;
  return command(kind, [...where(f.location), ["title", `${f.rule} ${f.title}${unknownMark(f)}`]], message);
}

/**
 * Annotations GitHub keeps of each kind per step (errors, warnings, notices; 50 a job in all).
 * It drops the rest without a word, in the order they were printed.
 */
export const ANNOTATIONS_PER_KIND = 10;

/**
 * Annotations on the pull request's diff: the most severe, up to what GitHub keeps, then one
 * notice with the verdict and how many were left out. Existing and waived findings are not
 * annotated: they are not what the pull request changed, and would bury what it did. Stale
 * and expired waivers are warnings, or errors under --strict, where they fail the gate.
 */
export function formatGateGithub(report: GateReport): string {
  return [...formatGateGithubChunks(report)].join("");
}

/** The same commands, one a line. */
export function* formatGateGithubChunks(report: GateReport): Generator<string> {
  const r = report.result;
  const failing = new Set(r.failing.map((f) => f.fingerprint));
  const waiverKind = r.strict ? "error" : "warning";
  // Each list in the order it is worth a reader's eye; runGate sorts findings most severe first.
  const errors: Array<() => string> = [];
  const warnings: Array<() => string> = [];
  for (const f of r.new) if (failing.has(f.fingerprint)) errors.push(() => annotation("error", f, report, ""));
  // What the project config changed lands on its line, so a pull request that edits it shows it there.
  for (const c of r.configChanges) warnings.push(() => command("warning", [...(c.location ? where(c.location) : []), ["title", "nhi-triage project config"]], c.message));
  for (const w of r.expiredWaivers) {
    (waiverKind === "error" ? errors : warnings).push(() =>
      command(
        waiverKind,
        [...where(w.location), ["title", `Expired waiver ${w.rule}`]],
        `${w.subject}: waiver expired on ${w.expires}, it no longer waives (${plural(w.matches.length, "finding")} affected); owner ${w.owner}`,
      ),
    );
  }
  for (const w of r.staleWaivers) {
    (waiverKind === "error" ? errors : warnings).push(() => command(waiverKind, [...where(w.location), ["title", `Stale waiver ${w.rule}`]], `${w.subject}: the waiver matches no finding, remove it; owner ${w.owner}`));
  }
  for (const f of r.new) if (!failing.has(f.fingerprint)) warnings.push(() => annotation("warning", f, report, ` (below ${r.failOn}: does not fail the gate)`));
  // Made only when printed: a million findings would be a million strings nobody sees.
  for (const make of errors.slice(0, ANNOTATIONS_PER_KIND)) yield `${make()}\n`;
  for (const make of warnings.slice(0, ANNOTATIONS_PER_KIND)) yield `${make()}\n`;
  const waiverNote = r.expiredWaivers.length || r.staleWaivers.length ? `, ${plural(r.expiredWaivers.length, "expired waiver")}, ${plural(r.staleWaivers.length, "stale waiver")}` : "";
  const left = Math.max(0, errors.length - ANNOTATIONS_PER_KIND) + Math.max(0, warnings.length - ANNOTATIONS_PER_KIND);
  const leftNote = left
    ? `; ${left} more not annotated (GitHub shows ${ANNOTATIONS_PER_KIND} errors and ${ANNOTATIONS_PER_KIND} warnings a step): the SARIF upload and --format text list them all`
    : "";
  const summary =
    `GATE ${r.passed ? "PASSED" : "FAILED"} — ${r.new.length} new (${r.failing.length} at or above ${r.failOn}), ` +
    `${r.existing.length} existing, ${r.resolved.length} resolved, ${r.waived.length} waived${waiverNote}${leftNote}`;
  yield `${command("notice", [["title", "nhi-triage gate"]], summary)}\n`;
}
