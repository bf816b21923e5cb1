import type { Portfolio } from "../engine/portfolio.js";
import type { Triage } from "../engine/types.js";
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
      evidence: f.evidence,
      ...(f.unknown ? { unknown: f.unknown } : {}),
      controls: f.controls,
      refs: f.refs,
    })),
    plan: t.plan,
  };
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
