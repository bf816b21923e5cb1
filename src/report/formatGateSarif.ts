import { gateSummary } from "./formatGateJson.js";
import type { ArtifactLocation, Log, Notification, PhysicalLocation, ReportingDescriptor, Result } from "sarif";
import type { GateFinding, Location, WaivedFinding, WaiverRef } from "../gate/types.js";
import type { RulePack } from "../load/rulePack.js";
import type { Severity } from "../load/schema/common.js";
import { displayRef } from "./AnalyzeReport.js";
import { gateRules, type GateReport, type GateRuleInfo } from "./GateReport.js";

const LEVEL: Record<Severity, Result.level> = { critical: "error", high: "error", medium: "warning", low: "note", info: "note" };
/** GitHub buckets security-severity as critical > 9.0, high ≥ 7.0, medium ≥ 4.0, low > 0. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0", info: "1.0" };
const INFORMATION_URI = "https://github.com/nhi-triage/nhi-triage";

const pascal = (id: string) =>
  id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase())
    .join("");

/**
 * A SARIF uri must be a URI reference: spaces, `%`, `?` and `#` would change its meaning, and
 * a `:` in a relative path would read as a scheme. Relative paths stay relative to the
 * checkout (%SRCROOT%) so GitHub can match them to files in the pull request.
 */
function artifactLocation(file: string): ArtifactLocation {
  // encodeURI throws on a lone surrogate, which an NTFS file name may hold.
  const path = file.replace(/\\/g, "/").replace(/[\uD800-\uDFFF]/gu, "\uFFFD");
  const encode = (p: string) => encodeURI(p).replace(/[?#]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  if (/^[A-Za-z]:\//.test(path)) return { uri: `file:///${path.slice(0, 2)}${encode(path.slice(2))}` };
  if (path.startsWith("/")) return { uri: `file://${encode(path)}` };
  return { uri: encode(path.replace(/^(\.\/)+/, "")).replace(/:/g, "%3A"), uriBaseId: "%SRCROOT%" };
}

function physical(l: Location): PhysicalLocation {
  return { artifactLocation: artifactLocation(l.file), region: { startLine: Math.max(1, l.line), startColumn: Math.max(1, l.column) } };
}

function help(rule: GateRuleInfo, pack: RulePack): { text: string; markdown: string } {
  const controls = rule.controls.map((id) => ({ id, title: pack.controls.get(id)?.title ?? id, what: pack.controls.get(id)?.what ?? "" }));
  const refs = rule.refs.map((r) => displayRef(r, pack));
  const text = [
    rule.reasoning,
    "",
    "Apply:",
    ...controls.map((c) => `- ${c.title} (${c.id})${c.what ? `: ${c.what}` : ""}`),
    "",
    "References:",
    ...refs.map((r) => `- ${r}`),
  ];
  const markdown = [
    rule.reasoning,
    "",
    "**Apply**",
    "",
    ...controls.map((c) => `- **${c.title}** (\`${c.id}\`)${c.what ? `: ${c.what}` : ""}`),
    "",
    "**References**",
    "",
    ...refs.map((r) => `- ${r}`),
  ];
  return { text: text.join("\n"), markdown: markdown.join("\n") };
}

function descriptor(rule: GateRuleInfo, pack: RulePack): ReportingDescriptor {
  return {
    id: rule.id,
    name: pascal(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.reasoning },
    help: help(rule, pack),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      // SARIF requires unique tags; a rule may cite one reference twice across groups.
      tags: [...new Set(["security", rule.defect, ...rule.refs])],
      "security-severity": SECURITY_SEVERITY[rule.severity],
      precision: "high",
    },
  };
}

interface ResultContext {
  index: ReadonlyMap<string, number>;
  failing: ReadonlySet<string>;
  withBaseline: boolean;
}

function result(f: GateFinding | WaivedFinding, status: "new" | "existing", ctx: ResultContext): Result {
  const ruleIndex = ctx.index.get(f.rule);
  const out: Result = {
    ruleId: f.rule,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVEL[f.severity],
    message: { text: `${f.title}: ${f.subject}${f.evidence.length ? ` (${f.evidence.join("; ")})` : ""}.` },
    locations: [{ physicalLocation: physical(f.location) }],
    partialFingerprints: { "nhiTriage/v1": f.fingerprint },
    ...(ctx.withBaseline ? { baselineState: status === "new" ? ("new" as const) : ("unchanged" as const) } : {}),
    properties: {
      subject: f.subject,
      origin: f.origin,
      severity: f.severity,
      defect: f.defect,
      fails: ctx.failing.has(f.fingerprint),
      ...(f.origin === "change" ? { before: f.before, after: f.after } : {}),
    },
  };
  if ("waiver" in f) {
    const w = f.waiver;
    // The vendored OASIS schema spells the review status `state` (oasis-tcs/sarif-spec#449) while
    // the standard and @types/sarif say `status`; leaving it out is valid under both and means "accepted".
    out.suppressions = [{ kind: "external", justification: `${w.reason} (owner ${w.owner}, expires ${w.expires})` }];
  }
  return out;
}

function notification(w: WaiverRef, text: string, index: ReadonlyMap<string, number>): Notification {
  const ruleIndex = index.get(w.rule);
  return {
    level: "warning",
    message: { text },
    locations: [{ physicalLocation: physical(w.location) }],
    associatedRule: { id: w.rule, ...(ruleIndex === undefined ? {} : { index: ruleIndex }) },
  };
}

/**
 * SARIF 2.1.0 for code scanning. Resolved findings are not results: they are gone from the
 * head, their location is in the base (maybe a git ref, not a file in the checkout), and
 * code scanning closes an alert by itself once its fingerprint stops appearing. Their count
 * is in the run's properties.
 */
export function formatGateSarif(report: GateReport): string {
  const { result: r, pack, version } = report;
  const rules = gateRules(pack);
  const ctx: ResultContext = {
    index: new Map(rules.map((rule, i) => [rule.id, i])),
    failing: new Set(r.failing.map((f) => f.fingerprint)),
    withBaseline: r.base.kind !== "none",
  };
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const log: Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "nhi-triage", version, informationUri: INFORMATION_URI, rules: rules.map((rule) => descriptor(rule, pack)) } },
        invocations: [
          {
            executionSuccessful: true,
            exitCode: r.passed ? 0 : 1,
            toolExecutionNotifications: [
              ...r.expiredWaivers.map((w) =>
                notification(w, `Waiver for ${w.rule} on ${w.subject} expired on ${w.expires}; it no longer waives (${plural(w.matches.length, "finding")} affected). Owner: ${w.owner}.`, ctx.index),
              ),
              ...r.staleWaivers.map((w) => notification(w, `Stale waiver: ${w.rule} on ${w.subject} matches no finding; remove it. Owner: ${w.owner}.`, ctx.index)),
            ],
          },
        ],
        // The gate reads YAML through JavaScript strings, so its columns count UTF-16 code units.
        columnKind: "utf16CodeUnits",
        results: [
          ...r.new.map((f) => result(f, "new", ctx)),
          ...r.existing.map((f) => result(f, "existing", ctx)),
          ...r.waived.map((f) => result(f, f.status, ctx)),
        ],
        properties: {
          passed: r.passed,
          failOn: r.failOn,
          strict: r.strict,
          inventory: r.inventory,
          ...(r.base.kind === "none" ? {} : { base: { state: r.base.kind, given: r.base.given, label: r.base.label } }),
          now: r.now,
          ...(r.configChanges.length ? { configChanges: r.configChanges } : {}),
          summary: gateSummary(r),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
