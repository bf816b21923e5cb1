import type { Log, Notification, Result } from "sarif";
import type { Finding, Triage } from "../engine/types.js";
import { fingerprint } from "../gate/fingerprint.js";
import { locateFinding } from "../gate/locateFinding.js";
import type { Location } from "../gate/types.js";
import { subjectKindOf } from "../engine/subject.js";
import type { AnalyzeReport } from "./AnalyzeReport.js";
import { descriptor, INFORMATION_URI, LEVEL, physical } from "./sarifParts.js";
import { unknownMark } from "./unknownMark.js";

/** An inventory finding points at its entry in the inventory; the rest at the incident file. */
function where(f: Finding, t: Triage, report: AnalyzeReport): Location {
  const inv = report.inventory;
  if (inv && !f.subject.startsWith("incident:") && inv.paths.has(f.subject)) {
    return locateFinding(inv, { kind: subjectKindOf(f.subject), ref: f.subject, label: f.subject }, f.facts);
  }
  return report.origins?.get(t.incident) ?? { file: t.file ?? "incident.yaml", line: 1, column: 1 };
}

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
      message: { text: `${t.incident} (${t.decision.decision}): ${f.title}${unknownMark(f)}: ${f.subject}${f.evidence.length ? ` (${f.evidence.join("; ")})` : ""}.` },
      locations: [{ physicalLocation: physical(where(f, t, report)) }],
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
