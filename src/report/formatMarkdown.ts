import type { Triage } from "../engine/types.js";
import type { RulePack } from "../load/rulePack.js";
import { displayRef, type AnalyzeReport } from "./AnalyzeReport.js";
import { markedEvidence } from "./quoteMatches.js";
import { unknownMark } from "./unknownMark.js";
import { undecidedView } from "./undecided.js";

const bold = (w: string) => `**${w}**`;
const esc = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function triageMarkdown(t: Triage, pack: RulePack): string {
  const out: string[] = [];
  out.push(`## ${esc(t.incident)}${t.title ? `: ${esc(t.title)}` : ""}`);
  out.push("");
  out.push(`**Decision: \`${t.decision.decision}\`** (confidence ${t.decision.confidence.toFixed(2)}; coordination ${t.scores.coordination}, attribution ${t.scores.attribution}, boundary ${t.scores.boundary})${t.contain.length ? " — **contain first**" : ""}`);
  out.push("");
  out.push(t.rationale);
  const undecided = undecidedView(t.decision, pack);
  if (undecided) {
    out.push("", "### To decide", "", `Leans ${undecided.leans}; ${esc(undecided.why.join("; "))}.`, "");
    undecided.ask.forEach((q, i) => out.push(`${i + 1}. ${esc(q.text)} (\`${q.id}\`)`));
  }
  if (t.plan.length) {
    out.push("", "### Plan", "", "| # | Layer | Control | Answers | References |", "|---|---|---|---|---|");
    for (const p of t.plan) {
      const refs = [...p.refs.owaspNhi, ...p.refs.nistCsf, ...p.refs.maestro, ...p.refs.other].map((r) => displayRef(r, pack));
      out.push(`| ${p.order} | ${p.layer} | **${esc(p.title)}** (\`${p.control}\`): ${esc(p.what)} | ${p.because.join(", ") || "prerequisite"} | ${esc(refs.join("; "))} |`);
    }
  }
  if (t.findings.length) {
    out.push("", "### Findings", "", "| Severity | Rule | Subject | Evidence |", "|---|---|---|---|");
    for (const f of t.findings) {
      out.push(`| ${f.severity}${unknownMark(f)} | \`${f.rule}\` ${esc(f.title)} | \`${f.subject}\` | ${esc(f.evidence.map((e) => markedEvidence(e, bold)).join("; "))} |`);
    }
  }
  return out.join("\n");
}

export function formatMarkdown(r: AnalyzeReport): string {
  const parts = r.results.map((t) => triageMarkdown(t, r.pack));
  if (r.batch) {
    const p = r.summary;
    const d = p.decisions;
    const lines = [
      "## Portfolio",
      "",
      `${p.incidents} incidents: orchestration-first ${d["orchestration-first"]}, identity-first ${d["identity-first"]}, both ${d.both}, insufficient-evidence ${d["insufficient-evidence"]}; contain first in ${p.containFirst}.`,
    ];
    if (p.suggestedFirst) lines.push("", `Suggested first control across the set: **${esc(p.suggestedFirst.title)}** (\`${p.suggestedFirst.control}\`), first in ${p.suggestedFirst.firstIn} plans.`);
    if (p.recurringControls.length) {
      lines.push("", "| Control | Incidents |", "|---|---|");
      for (const c of p.recurringControls) lines.push(`| ${esc(c.title)} (\`${c.control}\`) | ${c.incidents} |`);
    }
    if (r.errors.length) {
      lines.push("", "### Files that could not be analysed", "");
      for (const e of r.errors) lines.push(`- \`${e.file}:${e.line}:${e.column}\` ${esc(e.message)}`);
    }
    parts.push(lines.join("\n"));
  }
  return parts.length ? `# nhi-triage\n\n${parts.join("\n\n")}\n` : "";
}
