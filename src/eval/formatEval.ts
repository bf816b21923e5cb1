import { DECISIONS } from "../engine/types.js";
import type { EvalReport } from "./runEval.js";
import type { Confusion, Ratio } from "./scoreCorpus.js";

/** The report as plain-text tables: corpora, the overall confusion matrix, then the sentences. */
export function formatEvalText(report: EvalReport): string {
  const out: string[] = [];
  const rows = [...report.corpora.map((c) => [c.name, c.score] as const), ["all", report.total] as const];
  out.push(
    ...table(
      ["corpus", "cases", "decision", "contain (live)", "plan opens", "right", "extra contain"],
      rows.map(([name, s]) => [name, String(s.cases), ratio(s.decision), ratio(s.containment), ratio(s.planOpens), ratio(s.right), String(s.extraContainment)]),
    ),
  );
  out.push("", "Confusion, all corpora (rows: expected answer; columns: the tool's)");
  out.push(...confusion(report.total.confusion));
  const s = report.sentences;
  if (s) {
    out.push("", `Sentences: ${s.sentences} labelled; micro precision ${num(s.micro.precision)}, recall ${num(s.micro.recall)}`);
    out.push(
      ...table(
        ["symptom", "positives", "TP", "FP", "FN", "precision", "recall"],
        s.symptoms.map((x) => [x.code, String(x.positives), String(x.truePositives), String(x.falsePositives), String(x.falseNegatives), num(x.precision), num(x.recall)]),
      ),
    );
    out.push("", ...table(["hard negative", "right"], s.hardNegatives.map((h) => [h.kind, ratio(h)])));
  } else out.push("", "Sentences: none found");
  return `${out.join("\n")}\n`;
}

/** The same figures for machines; absent figures are null so every key is always there. */
export function formatEvalJson(report: EvalReport): string {
  return `${JSON.stringify(report, (_k, v: unknown) => (v === undefined ? null : v), 2)}\n`;
}

function confusion(c: Confusion): string[] {
  return table(
    ["expected \\ tool", ...DECISIONS],
    DECISIONS.map((e) => [e, ...DECISIONS.map((g) => String(c[e][g]))]),
  );
}

function ratio(r: Ratio): string {
  return r.of === 0 ? "-" : `${r.hits}/${r.of} ${Math.round((100 * r.hits) / r.of)}%`;
}

function num(n: number | undefined): string {
  return n === undefined ? "-" : n.toFixed(2);
}

/** Left-aligned first column, right-aligned figures. */
function table(head: string[], body: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ").trimEnd();
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)];
}
