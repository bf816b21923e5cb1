import { gateSummary } from "./formatGateJson.js";
import type { Notification, Result } from "sarif";
import { jsonChunks, LazyList } from "./jsonChunks.js";
import type { ExpiredWaiver, GateFinding, WaivedFinding, WaiverRef } from "../gate/types.js";
import { gateRules, type GateReport } from "./GateReport.js";
import { descriptor, INFORMATION_URI, LEVEL, physical, SRCROOT } from "./sarifParts.js";
import { unknownMark } from "./unknownMark.js";

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
    message: { text: `${f.title}${unknownMark(f)}: ${f.subject}${f.evidence.length ? ` (${f.evidence.join("; ")})` : ""}.` },
    locations: [{ physicalLocation: physical(f.location) }],
    partialFingerprints: { "nhiTriage/v1": f.fingerprint },
    ...(ctx.withBaseline ? { baselineState: status === "new" ? ("new" as const) : ("unchanged" as const) } : {}),
    properties: {
      subject: f.subject,
      origin: f.origin,
      severity: f.severity,
      defect: f.defect,
      fails: ctx.failing.has(f.fingerprint),
      ...(f.unknown ? { unknown: f.unknown } : {}),
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
 * SARIF 2.1.0 for code scanning, in pieces (jsonChunks): 600k findings make a log larger
 * than the longest string JavaScript can hold. Resolved findings are not results: they are gone from the
 * head, their location is in the base (maybe a git ref, not a file in the checkout), and
 * code scanning closes an alert by itself once its fingerprint stops appearing. Their count
 * is in the run's properties.
 */
export function formatGateSarifChunks(report: GateReport): Generator<string> {
  const { result: r, pack, version } = report;
  const rules = gateRules(pack);
  const ctx: ResultContext = {
    index: new Map(rules.map((rule, i) => [rule.id, i])),
    failing: new Set(r.failing.map((f) => f.fingerprint)),
    withBaseline: r.base.kind !== "none",
  };
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  // A sarif Log in shape; its long lists are LazyLists, written as they are made.
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "nhi-triage", version, informationUri: INFORMATION_URI, rules: rules.map((rule) => descriptor(rule, pack, report.ruleDocs)) } },
        ...(report.repo ? { originalUriBaseIds: SRCROOT } : {}),
        invocations: [
          {
            executionSuccessful: true,
            exitCode: r.passed ? 0 : 1,
            toolExecutionNotifications: new LazyList<WaiverRef | ExpiredWaiver>([...r.expiredWaivers, ...r.staleWaivers], (w) =>
              "matches" in w
                ? notification(w, `Waiver for ${w.rule} on ${w.subject} expired on ${w.expires}; it no longer waives (${plural(w.matches.length, "finding")} affected). Owner: ${w.owner}.`, ctx.index)
                : notification(w, `Stale waiver: ${w.rule} on ${w.subject} matches no finding; remove it. Owner: ${w.owner}.`, ctx.index),
            ),
          },
        ],
        // The gate reads YAML through JavaScript strings, so its columns count UTF-16 code units.
        columnKind: "utf16CodeUnits",
        results: new LazyList<readonly [GateFinding | WaivedFinding, "new" | "existing"]>(
          [...r.new.map((f) => [f, "new"] as const), ...r.existing.map((f) => [f, "existing"] as const), ...r.waived.map((f) => [f, f.status] as const)],
          ([f, status]) => result(f, status, ctx),
        ),
        properties: {
          passed: r.passed,
          failOn: r.failOn,
          strict: r.strict,
          inventory: r.inventory,
          ...(r.base.kind === "none" ? {} : { base: { state: r.base.kind, given: r.base.given, label: r.base.label } }),
          now: r.now,
          ...(r.configChanges.length ? { configChanges: r.configChanges.map((c) => c.message) } : {}),
          summary: gateSummary(r),
        },
      },
    ],
  };
  return jsonChunks(log);
}

export function formatGateSarif(report: GateReport): string {
  return [...formatGateSarifChunks(report)].join("");
}
