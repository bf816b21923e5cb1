import type { Location, Log, Notification, PhysicalLocation, Result } from "sarif";
import { evidenceText } from "../engine/evidence.js";
import type { Finding, Triage } from "../engine/types.js";
import { fingerprint } from "../gate/fingerprint.js";
import { locateFinding } from "../gate/locateFinding.js";
import { subjectKindOf } from "../engine/subject.js";
import type { AnalyzeReport } from "./AnalyzeReport.js";
import { descriptor, INFORMATION_URI, LEVEL, physical } from "./sarifParts.js";
import { unknownMark } from "./unknownMark.js";

/**
 * An inventory finding points at its entry in the inventory; one that rests on a symptom at
 * where the incident says it: the words that matched (or, where they cannot be placed
 * exactly, the field they were read in), or the entry under `symptoms:`; the rest at the
 * incident.
 */
function where(f: Finding, t: Triage, report: AnalyzeReport): PhysicalLocation {
  const inv = report.inventory;
  if (inv && !f.subject.startsWith("incident:") && inv.paths.has(f.subject)) {
    return physical(locateFinding(inv, { kind: subjectKindOf(f.subject), ref: f.subject, label: f.subject }, f.facts));
  }
  const read = report.wordsAt?.get(t.incident);
  for (const e of f.evidence) {
    const at = e.kind === "detected-symptom" || e.kind === "declared-symptom" ? read?.get(e.code) : undefined;
    if (at) return at.kind === "words" ? physical({ file: at.file, ...at.start }, at.end) : physical({ file: at.file, ...at.start });
  }
  return physical(report.origins?.get(t.incident) ?? { file: t.file ?? "incident.yaml", line: 1, column: 1 });
}

/** Each matched word of the ticket a finding rests on, with the concept it matched. */
function matchedWords(f: Finding, t: Triage, report: AnalyzeReport): Location[] {
  const read = report.wordsAt?.get(t.incident);
  const out: Location[] = [];
  for (const e of f.evidence) {
    const at = e.kind === "detected-symptom" ? read?.get(e.code) : undefined;
    if (at?.kind !== "words" || e.kind !== "detected-symptom") continue;
    at.words.forEach((w, i) => {
      const m = e.matches[i]!;
      out.push({
        id: out.length,
        physicalLocation: physical({ file: at.file, ...w.start }, w.end),
        message: { text: `${e.code}: "${m.text.replace(/\s+/g, " ")}"${m.concept ? ` (${m.concept})` : ""}` },
      });
    });
  }
  return out;
}

const related = (words: Location[]) => (words.length ? { relatedLocations: words } : {});

/**
 * SARIF 2.1.0 for analyze: every finding of every incident as a result, the decision in its
 * properties, input errors as notifications. The fingerprint includes the incident, since
 * the same rule on the same identity in two incidents is two results.
 */
export function formatSarif(report: AnalyzeReport): string {
  const { pack } = report;
  const rules = pack.rules;
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results: Result[] = report.results.flatMap((t) =>
    t.findings.map((f) => ({
      ruleId: f.rule,
      ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule)! } : {}),
      level: LEVEL[f.severity],
      message: { text: `${t.incident} (${t.decision.decision}): ${f.title}${unknownMark(f)}: ${f.subject}${f.evidence.length ? ` (${f.evidence.map(evidenceText).join("; ")})` : ""}.` },
      locations: [{ physicalLocation: where(f, t, report) }],
      ...related(matchedWords(f, t, report)),
      partialFingerprints: { "nhiTriage/v1": fingerprint(f.rule, `${t.incident}|${f.subject}`) },
      properties: { incident: t.incident, decision: t.decision.decision, basis: f.basis, subject: f.subject, defect: f.defect, severity: f.severity, ...(f.unknown ? { unknown: f.unknown } : {}) },
    })),
  );
  const notifications: Notification[] = report.errors.map((d) => ({
    level: d.severity === "error" ? "error" : "warning",
    message: { text: d.message },
    locations: [{ physicalLocation: physical({ file: d.file, line: d.line, column: d.column }) }],
  }));
  const log: Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "nhi-triage", version: report.version ?? "0.0.0", informationUri: INFORMATION_URI, rules: rules.map((r) => descriptor(r, pack)) } },
        invocations: [{ executionSuccessful: report.errors.length === 0, toolExecutionNotifications: notifications }],
        columnKind: "utf16CodeUnits",
        results,
        properties: {
          triages: report.results.map((t) => ({ incident: t.incident, decision: t.decision.decision, confidence: t.decision.confidence, containFirst: t.contain.length > 0 })),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
