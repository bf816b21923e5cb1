import type { Portfolio } from "../engine/portfolio.js";
import { evidenceText } from "../engine/evidence.js";
import type { Decision, Triage } from "../engine/types.js";
import type { Diagnostic } from "../load/diagnostic.js";
import { API_VERSION } from "../load/schema/common.js";

/** The public JSON shape of one triage (SPEC.md, "Output"). Field order is fixed for byte-identical output. */
export function triageDocument(t: Triage): Record<string, unknown> {
  return {
    apiVersion: API_VERSION,
    kind: "Triage",
    incident: t.incident,
    ...(t.title !== undefined ? { title: t.title } : {}),
    ...(t.file !== undefined ? { file: t.file } : {}),
    decision: t.decision.decision,
    confidence: t.decision.confidence,
    ...decisionDetail(t.decision),
    scores: t.scores,
    rationale: t.rationale,
    active: t.active,
    symptoms: t.symptoms,
    contain: t.contain,
    findings: t.findings.map((f) => ({
      rule: f.rule,
      basis: f.basis,
      title: f.title,
      defect: f.defect,
      severity: f.severity,
      weight: f.weight,
      subject: f.subject,
      evidence: f.evidence.map(evidenceText),
      evidenceDetail: f.evidence,
      ...(f.unknown ? { unknown: f.unknown } : {}),
      controls: f.controls,
      refs: f.refs,
    })),
    plan: t.plan,
  };
}

/** What the decision adds beyond its name: what it was decided on, or why it could not be and what would decide it. */
function decisionDetail(d: Decision): Record<string, unknown> {
  return d.decision === "insufficient-evidence" ? { leans: d.leans, why: d.why, ask: d.ask } : { decidedOn: d.on };
}

export function errorDocument(d: Diagnostic): Record<string, unknown> {
  return { file: d.file, line: d.line, column: d.column, severity: d.severity, message: d.message };
}

export function batchDocument(results: readonly Triage[], summary: Portfolio, errors: readonly Diagnostic[]): Record<string, unknown> {
  return {
    apiVersion: API_VERSION,
    kind: "TriageBatch",
    results: results.map(triageDocument),
    summary,
    errors: errors.map(errorDocument),
  };
}
