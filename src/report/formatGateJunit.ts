import type { GateFinding, WaiverRef } from "../gate/types.js";
import { gateRules, type GateReport, type GateRuleInfo } from "./GateReport.js";
import { unknownMark } from "./unknownMark.js";

/** Everything outside XML 1.0's Char production, lone surrogates included, which no parser accepts even escaped. */
const ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

function xmlText(s: string): string {
  return s.replace(ILLEGAL, "").replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Parsers turn raw tabs and newlines in attributes into spaces; character references keep them. */
function xmlAttr(s: string): string {
  return xmlText(s).replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
// A test case is named by the rule's title; an unknown finding has words of its own, so it says them.
const line = (f: GateFinding) => `${f.location.file}:${f.location.line}:${f.location.column} ${f.subject}${f.unknown ? `${unknownMark(f)} ${f.title}` : ""} — ${f.evidence.join("; ")}`;
const waiverLine = (w: WaiverRef) => `${w.location.file}:${w.location.line}:${w.location.column} ${w.subject}`;

interface Case {
  classname: string;
  name: string;
  failure?: { message: string; type: string; lines: string[] };
  out: string[];
}

function ruleCase(rule: GateRuleInfo, report: GateReport, failingKeys: ReadonlySet<string>): Case {
  const r = report.result;
  const mine = <T extends { rule: string }>(list: readonly T[]) => list.filter((x) => x.rule === rule.id);
  const failing = mine(r.failing);
  const out = [
    ...mine(r.new).filter((f) => !failingKeys.has(f.fingerprint)).map((f) => `below ${r.failOn} (new, does not fail the gate): ${line(f)}`),
    ...mine(r.existing).map((f) => `existing: ${line(f)}`),
    ...mine(r.waived).map((f) => `waived (${f.status}): ${line(f)} — ${f.waiver.reason} (owner ${f.waiver.owner}, expires ${f.waiver.expires})`),
    ...mine(r.resolved).map((f) => `resolved: ${line(f)}`),
    ...mine(r.expiredWaivers).map((w) => `expired waiver: ${waiverLine(w)} expired ${w.expires}, ${plural(w.matches.length, "finding")} no longer waived`),
    ...mine(r.staleWaivers).map((w) => `stale waiver: ${waiverLine(w)} matches no finding`),
  ];
  return {
    classname: `nhi-triage.${rule.origin}`,
    name: `${rule.id} ${rule.title}`,
    ...(failing.length
      ? {
          failure: {
            message: `${plural(failing.length, "new finding")} at or above ${r.failOn} ${failing.length === 1 ? "fails" : "fail"} the gate`,
            // runGate sorts by severity, so the first is the most severe.
            type: failing[0]!.severity,
            lines: failing.map(line),
          },
        }
      : {}),
    out,
  };
}

/** Under --strict, stale and expired waivers fail the gate; a test must fail too or the verdicts disagree. */
function strictCase(report: GateReport): Case | undefined {
  const r = report.result;
  const n = r.expiredWaivers.length + r.staleWaivers.length;
  if (!r.strict || n === 0) return undefined;
  const lines = [...r.expiredWaivers.map((w) => `expired: ${w.rule} ${waiverLine(w)} (${w.expires})`), ...r.staleWaivers.map((w) => `stale: ${w.rule} ${waiverLine(w)}`)];
  return {
    classname: "nhi-triage.waivers",
    name: "WAIVERS every waiver is current and matches a finding (--strict)",
    failure: { message: `${plural(n, "waiver")} expired or stale`, type: "waiver", lines },
    out: [],
  };
}

/** Lines as text, escaped, a few hundred at a time. */
function* escapedLines(lines: readonly string[]): Generator<string> {
  for (let i = 0; i < lines.length; i += 512) yield lines.slice(i, i + 512).map(xmlText).join("\n") + (i + 512 < lines.length ? "\n" : "");
}

function* caseXml(c: Case): Generator<string> {
  const open = `    <testcase classname="${xmlAttr(c.classname)}" name="${xmlAttr(c.name)}"`;
  if (!c.failure && !c.out.length) {
    yield `${open}/>\n`;
    return;
  }
  yield `${open}>\n`;
  if (c.failure) {
    yield `      <failure message="${xmlAttr(c.failure.message)}" type="${xmlAttr(c.failure.type)}">`;
    yield* escapedLines(c.failure.lines);
    yield "</failure>\n";
  }
  if (c.out.length) {
    yield "      <system-out>";
    yield* escapedLines(c.out);
    yield "</system-out>\n";
  }
  yield "    </testcase>\n";
}

/**
 * One test per rule the gate checks, so a CI test view lists what was checked, not only what
 * broke. Only new findings that fail the gate fail a test; everything else about the rule is
 * in its system-out. No timestamps or durations: the output stays byte-identical.
 */
export function formatGateJunit(report: GateReport): string {
  return [...formatGateJunitChunks(report)].join("");
}

/** The same XML in pieces: one rule's failures in a large inventory make more text than one string holds. */
export function* formatGateJunitChunks(report: GateReport): Generator<string> {
  const failingKeys = new Set(report.result.failing.map((f) => f.fingerprint));
  const cases = gateRules(report.pack).map((rule) => ruleCase(rule, report, failingKeys));
  const strict = strictCase(report);
  if (strict) cases.push(strict);
  const counts = `tests="${cases.length}" failures="${cases.filter((c) => c.failure).length}" errors="0"`;
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="nhi-triage gate" ${counts}>\n`;
  yield `  <testsuite name="${xmlAttr(`nhi-triage gate: ${report.result.inventory}`)}" ${counts} skipped="0">\n`;
  for (const c of cases) yield* caseXml(c);
  yield "  </testsuite>\n</testsuites>\n";
}
