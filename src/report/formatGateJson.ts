import type { GateFinding, GateResult, WaivedFinding } from "../gate/types.js";
import { API_VERSION } from "../load/schema/common.js";
import type { GateReport } from "./GateReport.js";
import { jsonChunks, LazyList } from "./jsonChunks.js";

/** Field order is fixed, for byte-identical output. */
export function gateFindingDocument(f: GateFinding | WaivedFinding, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    fingerprint: f.fingerprint,
    rule: f.rule,
    title: f.title,
    origin: f.origin,
    defect: f.defect,
    severity: f.severity,
    subject: f.subject,
    file: f.location.file,
    line: f.location.line,
    column: f.location.column,
    ...(f.unknown ? { unknown: f.unknown } : {}),
    ...extra,
    ...(f.origin === "change" ? { before: f.before, after: f.after } : {}),
    evidence: f.evidence,
    controls: f.controls,
    refs: f.refs,
    ...("waiver" in f ? { status: f.status, waiver: waiverDocument(f.waiver) } : {}),
  };
}

function waiverDocument(w: WaivedFinding["waiver"]): Record<string, unknown> {
  return { rule: w.rule, subject: w.subject, reason: w.reason, owner: w.owner, expires: w.expires, file: w.location.file, line: w.location.line, column: w.location.column };
}

/** How many of each, in a fixed order: shared by the JSON and SARIF documents. */
export function gateSummary(r: GateResult): Record<string, number> {
  return {
    new: r.new.length,
    failing: r.failing.length,
    existing: r.existing.length,
    resolved: r.resolved.length,
    waived: r.waived.length,
    expiredWaivers: r.expiredWaivers.length,
    staleWaivers: r.staleWaivers.length,
  };
}

/** The public shape of a gate run (SPEC.md, `gate --format json`). */
export function gateDocument(r: GateResult): Record<string, unknown> {
  return Object.fromEntries(Object.entries(gateDocumentParts(r)).map(([k, v]) => [k, v instanceof LazyList ? v.toJSON() : v]));
}

function gateDocumentParts(r: GateResult): Record<string, unknown> {
  const failing = new Set(r.failing.map((f) => f.fingerprint));
  return {
    apiVersion: API_VERSION,
    kind: "GateResult",
    passed: r.passed,
    failOn: r.failOn,
    strict: r.strict,
    inventory: r.inventory,
    base: r.base.kind === "none" ? null : { state: r.base.kind, given: r.base.given, label: r.base.label },
    waivers: r.waivers ?? null,
    now: r.now,
    configChanges: r.configChanges.map((c) => c.message),
    summary: gateSummary(r),
    new: new LazyList(r.new, (f) => gateFindingDocument(f, { fails: failing.has(f.fingerprint) })),
    existing: new LazyList(r.existing, (f) => gateFindingDocument(f)),
    resolved: new LazyList(r.resolved, (f) => gateFindingDocument(f)),
    waived: new LazyList(r.waived, (f) => gateFindingDocument(f)),
    expiredWaivers: r.expiredWaivers.map((w) => ({ ...waiverDocument(w), matches: w.matches })),
    staleWaivers: r.staleWaivers.map(waiverDocument),
  };
}

export function formatGateJson(report: GateReport): string {
  return [...formatGateJsonChunks(report)].join("");
}

/** The same bytes as `formatGateJson`, in pieces (see jsonChunks). */
export function formatGateJsonChunks(report: GateReport): Generator<string> {
  return jsonChunks(gateDocumentParts(report.result));
}
