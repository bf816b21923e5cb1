import type { Portfolio } from "../engine/portfolio.js";
import type { PlanStep, Triage } from "../engine/types.js";
import type { RulePack } from "../load/rulePack.js";
import { displayRef, type AnalyzeReport } from "./AnalyzeReport.js";
import type { Style } from "./style.js";
import { markedEvidence } from "./quoteMatches.js";
import { wrap } from "./wrap.js";
import { unknownMark } from "./unknownMark.js";
import { undecidedView } from "./undecided.js";

const WIDTH = 92;
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
const factorText = (x: number) => (x === 0.5 ? "½" : String(x));
const HEADLINE = {
  "orchestration-first": "ORCHESTRATION FIRST",
  "identity-first": "IDENTITY FIRST",
  both: "BOTH LAYERS TOGETHER",
  "insufficient-evidence": "INSUFFICIENT EVIDENCE",
} as const;

function decisionColour(t: Triage, s: Style): (x: string) => string {
  switch (t.decision.decision) {
    case "orchestration-first":
      return s.cyan;
    case "identity-first":
      return s.magenta;
    case "both":
      return s.yellow;
    default:
      return s.dim;
  }
}

function severityColour(sev: string, s: Style): (x: string) => string {
  return sev === "critical" || sev === "high" ? s.red : sev === "medium" ? s.yellow : s.dim;
}

function step(p: PlanStep, plan: readonly PlanStep[], pack: RulePack, s: Style): string[] {
  const layer = p.layer === "containment" ? s.red(`[${p.layer}]`) : s.dim(`[${p.layer}]`);
  const lines = [`  ${String(p.order).padStart(2)}. ${layer} ${s.bold(p.title)}  ${s.dim(p.control)}`];
  lines.push(wrap(p.what, WIDTH, "      "));
  const dependents = plan.filter((d) => d.after.includes(p.control)).map((d) => d.control);
  const answers = p.because.length ? `answers ${p.because.join(", ")}` : `prerequisite of ${dependents.join(", ")}`;
  const on = p.subjects.length ? ` · on ${p.subjects.join(", ")}` : "";
  const after = p.after.length ? ` · after ${p.after.join(", ")}` : "";
  lines.push(wrap(s.dim(`${answers}${on}${after}`), WIDTH + 20, "      "));
  const refs = [...p.refs.owaspNhi, ...p.refs.nistCsf, ...p.refs.maestro, ...p.refs.other].map((r) => displayRef(r, pack));
  lines.push(wrap(`refs: ${refs.join(" · ")}`, WIDTH, "      "));
  return lines;
}

export function formatTriageText(t: Triage, pack: RulePack, s: Style): string {
  const out: string[] = [];
  const colour = decisionColour(t, s);
  const { coordination, attribution, boundary } = t.scores;
  const tally = `coordination ${num(coordination)} · attribution ${num(attribution)}${boundary ? ` · boundary ${num(boundary)}` : ""}`;
  out.push(`${s.bold(t.incident)}${t.title ? `  ${t.title}` : ""}${t.file ? s.dim(`  (${t.file})`) : ""}`);
  out.push(`${colour(s.bold(`→ ${HEADLINE[t.decision.decision]}`))}  ${s.dim(`confidence ${t.decision.confidence.toFixed(2)} · ${tally}`)}${t.contain.length ? `  ${s.red(s.bold("CONTAIN FIRST"))}` : ""}`);
  out.push("");
  out.push(s.bold("Why"));
  out.push(wrap(t.rationale, WIDTH, "  "));
  const undecided = undecidedView(t.decision, pack);
  if (undecided) {
    out.push("");
    out.push(s.bold("To decide"));
    out.push(wrap(`Leans ${undecided.leans}; ${undecided.why.join("; ")}.`, WIDTH, "  "));
    undecided.ask.forEach((q, i) => out.push(wrap(`${i + 1}. ${q.text}  ${s.dim(`(${q.id})`)}`, WIDTH, "  ")));
  }
  if (t.plan.length) {
    out.push("");
    out.push(s.bold("Plan"));
    for (const p of t.plan) out.push(...step(p, t.plan, pack, s));
  }
  if (t.findings.length) {
    out.push("");
    out.push(s.bold("Findings"));
    for (const f of t.findings) {
      out.push(`  ${severityColour(f.severity, s)(f.severity.toUpperCase().padEnd(8))} ${s.bold(f.rule)}  ${f.title}${unknownMark(f)}`);
      const weight = f.unknown ? "unknown, not scored" : f.basis === "observed" ? `weight ${f.weight}` : f.basis === "posture" ? `posture, weight ${f.weight}×${factorText(pack.decision.postureFactor)}` : `standing condition, weight ${f.weight}`;
      out.push(s.dim(`           ${f.defect} · ${weight} · ${f.subject}`));
      for (const e of f.evidence) out.push(wrap(`- ${markedEvidence(e, s.mark)}`, WIDTH, "           "));
    }
  }
  if (t.symptoms.length) {
    out.push("");
    const list = t.symptoms.map((x) => (x.source === "description" ? `${x.code} ("${x.phrase}")` : x.code));
    out.push(wrap(`${s.bold("Symptoms")} ${list.join(", ")}`, WIDTH));
  }
  return out.join("\n");
}

export function formatPortfolioText(p: Portfolio, errors: number, s: Style): string {
  const out = [s.bold(`Portfolio: ${p.incidents} incident${p.incidents === 1 ? "" : "s"}${errors ? `, ${errors} file${errors === 1 ? "" : "s"} with errors (see stderr)` : ""}`)];
  const d = p.decisions;
  out.push(`  orchestration-first ${d["orchestration-first"]} · identity-first ${d["identity-first"]} · both ${d.both} · insufficient-evidence ${d["insufficient-evidence"]} · contain first ${p.containFirst}`);
  if (p.recurringControls.length) {
    out.push("  Recurring controls:");
    for (const c of p.recurringControls) out.push(`    ${String(c.incidents).padStart(3)} × ${c.title} ${s.dim(c.control)}`);
  }
  if (p.suggestedFirst) {
    out.push(`  Suggested first control across the set: ${s.bold(p.suggestedFirst.title)} ${s.dim(p.suggestedFirst.control)} (first in ${p.suggestedFirst.firstIn} plan${p.suggestedFirst.firstIn === 1 ? "" : "s"})`);
  }
  return out.join("\n");
}

export function formatText(r: AnalyzeReport): string {
  const parts = r.results.map((t) => formatTriageText(t, r.pack, r.style));
  if (r.batch) parts.push(formatPortfolioText(r.summary, r.errors.length ? new Set(r.errors.map((e) => e.file)).size : 0, r.style));
  const rule = r.style.dim("─".repeat(WIDTH));
  return parts.length ? `${parts.join(`\n${rule}\n`)}\n` : "";
}
