import { API_VERSION } from "../load/schema/common.js";
import type { RuleFilter, RuleListing } from "./listRules.js";
import type { RuleListFormat } from "./ruleListFormat.js";
import { PLAIN, type Style } from "./style.js";

const SCOPES = ["incident", "inventory", "change"] as const;

function severityColour(sev: string, s: Style): (x: string) => string {
  return sev === "critical" || sev === "high" ? s.red : sev === "medium" ? s.yellow : s.dim;
}

function text(l: RuleListing, filter: RuleFilter, s: Style): string {
  // Pad before colouring: escape codes would otherwise count toward the width.
  const w = (key: "id" | "defect" | "severity" | "scope") => Math.max(0, ...l.rules.map((r) => r[key].length));
  const lines = l.rules.map((r) =>
    [s.bold(r.id.padEnd(w("id"))), r.defect.padEnd(w("defect")), severityColour(r.severity, s)(r.severity.padEnd(w("severity"))), s.dim(r.scope.padEnd(w("scope"))), r.title].join("  "),
  );
  const filtered = filter.defect !== undefined || filter.severity !== undefined || filter.ref !== undefined;
  const counts = SCOPES.map((scope) => `${l.rules.filter((r) => r.scope === scope).length} ${scope}`).join(", ");
  const n = l.rules.length;
  lines.push(`${filtered ? `${n} of ${l.total}` : n} rule${(filtered ? l.total : n) === 1 ? "" : "s"}${filtered ? " match" : ""} (${counts})`);
  return `${lines.join("\n")}\n`;
}

function json(l: RuleListing, filter: RuleFilter): string {
  const doc = {
    apiVersion: API_VERSION,
    kind: "RuleList",
    filter: { defect: filter.defect ?? null, severity: filter.severity ?? null, ref: filter.ref ?? null },
    total: l.total,
    rules: l.rules.map((r) => ({ id: r.id, scope: r.scope, defect: r.defect, severity: r.severity, subject: r.subject, title: r.title, refs: r.refs })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function formatRuleList(l: RuleListing, filter: RuleFilter, format: RuleListFormat, style: Style = PLAIN): string {
  return format === "json" ? json(l, filter) : text(l, filter, style);
}
