import type { Origin } from "../load/rulePack.js";
import { PLAIN, type Style } from "./style.js";
import { unknownLine, type ControlView, type RefView, type RuleView } from "./ruleView.js";
import { wrap } from "./wrap.js";

const WIDTH = 92;

const SCOPE_NOTE = {
  incident: "analyze checks it on what an incident touches",
  inventory: "a posture rule: the gate checks it on every inventory entry; analyze on what an incident touches, at half weight",
  change: "the gate compares it between a base and a head inventory",
} as const;

function severityColour(sev: string, s: Style): (x: string) => string {
  return sev === "critical" || sev === "high" ? s.red : sev === "medium" ? s.yellow : s.dim;
}

function fields(rows: ReadonlyArray<readonly [string, string]>): string[] {
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`);
}

function section(title: string, lines: readonly string[], s: Style): string[] {
  return lines.length ? ["", s.bold(title), ...lines] : [];
}

function refLines(refs: readonly RefView[]): string[] {
  const w = Math.max(0, ...refs.map((r) => r.id.length));
  return refs.map((r) => `  ${r.id.padEnd(w)}  ${r.display}${r.titled || !r.summary ? "" : `: ${r.summary}`}`);
}

const where = (o: Origin | undefined, label: (file: string) => string) => (o ? `${label(o.file)}:${o.line}:${o.column}` : undefined);

/** `rules show` for a rule; `label` turns a source path into the one to print. */
export function formatRuleShow(v: RuleView, style: Style = PLAIN, label: (file: string) => string = (f) => f): string {
  const s = style;
  const source = where(v.origin, label);
  const out = [
    s.bold(v.title),
    ...fields([
      ["id", v.id],
      ["scope", `${v.scope} (${SCOPE_NOTE[v.scope]})`],
      ["defect", v.defect],
      ["severity", severityColour(v.severity, s)(v.severity)],
      ...(v.weight !== undefined ? ([["weight", String(v.weight)]] as const) : []),
      ["subject", v.subject],
      ...(source ? ([["defined at", source]] as const) : []),
    ]),
    ...section("Why", [wrap(v.reasoning, WIDTH, "  ")], s),
  ];
  if (v.change) {
    out.push(
      ...section(
        "Change",
        fields([
          ["fact", v.change.fact],
          ["change", v.change.change],
          ...(v.change.scale ? ([["scale", `${v.change.scale.join(" > ")} (strongest first)`]] as const) : []),
        ]),
        s,
      ),
    );
    out.push(...section("Only when (on the head entry)", (v.when ?? []).map((l) => `  ${l}`), s));
  } else {
    out.push(...section("When", (v.when ?? []).map((l) => `  ${l}`), s));
    if (v.unknown) out.push(...section("When a fact it needs is not recorded", [wrap(unknownLine(v.unknown), WIDTH, "  ")], s));
  }
  out.push(
    ...section(
      "Controls",
      v.controls.flatMap((c) => [
        `  ${s.bold(c.id)}  ${c.title}  ${s.dim(`[${c.layer}]`)}`,
        wrap(c.what, WIDTH, "      "),
        ...(c.requires.length ? [s.dim(`      requires ${c.requires.map((r) => r.id).join(", ")}`)] : []),
      ]),
      s,
    ),
  );
  out.push(...section("References", refLines(v.refs), s));
  const kw = Math.max(0, ...v.encodes.map((e) => e.key.length));
  out.push(...section("Encodes", v.encodes.map((e) => `  ${e.key.padEnd(kw)}  ${e.text}`), s));
  const expect = { fires: s.green("fires       "), unknown: s.yellow("unknown     "), silent: s.dim("stays silent") };
  const cases = v.cases.map((c) => `  ${expect[c.expect]}  ${c.name}  ${s.dim(`(${c.file})`)}`);
  // Cases run incidents; a change rule compares two inventories, so none can exercise it.
  if (v.scope !== "change") out.push(...section("Cases", cases.length ? cases : [s.yellow("  none: no rule case exercises this rule")], s));
  return `${out.join("\n")}\n`;
}

/** `rules show` for a control, so an id from a rule's plan can be looked up the same way. */
export function formatControlShow(v: ControlView, style: Style = PLAIN, label: (file: string) => string = (f) => f): string {
  const s = style;
  const source = where(v.origin, label);
  const out = [
    s.bold(v.title),
    ...fields([
      ["id", v.id],
      ["layer", v.layer],
      ...(source ? ([["defined at", source]] as const) : []),
    ]),
    ...section("What", [wrap(v.what, WIDTH, "  ")], s),
    ...section("Requires", v.requires.map((r) => `  ${r.id}  ${r.title}`), s),
    ...section("Required by", v.dependents.map((r) => `  ${r.id}  ${r.title}`), s),
    ...section("References", refLines(v.refs), s),
    ...section("Called for by", v.calledFor.map((r) => `  ${r.id}  ${s.dim(`[${r.scope}]`)}  ${r.title}`), s),
  ];
  return `${out.join("\n")}\n`;
}
