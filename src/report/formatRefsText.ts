import type { Citations, Citer, CoverageNode, CoverageSummary, EntryView, FrameworkCoverage, FrameworkOverview, KindCoverage } from "./refsCoverage.js";
import type { RefsView } from "./RefsView.js";
import type { Style } from "./style.js";
import { wrap } from "./wrap.js";

const WIDTH = 92;
const LABEL = 9;
/** Beyond this many counted entries the per-entry marks say it better than lists of ids. */
const LIST_MISSING_UP_TO = 20;
const NOT_DETECTED = "[not detected]";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const pluralLevel = (level: string | undefined) => (level ? `${level.replace(/y$/, "ie")}s` : "entries");
const countOf = (n: number, level: string | undefined) => (n === 1 ? `1 ${level ?? "entry"}` : `${n} ${pluralLevel(level)}`);

const KINDS: ReadonlyArray<{ key: keyof Citations; label: string; heading: string }> = [
  { key: "posture", label: "posture", heading: "posture rules (scope: inventory; gate on every entry, analyze on what an incident touches)" },
  { key: "incident", label: "incident", heading: "incident rules (analyze)" },
  { key: "change", label: "change", heading: "change rules (gate, base against head)" },
];

const LEGEND =
  "posture: scope-inventory rules, checked by the gate on every inventory entry and by analyze on what an incident touches · incident: rules analyze checks · change: rules the gate checks between a base and a head inventory";

/**
 * `head` then the ids, comma-separated and wrapped to WIDTH with continuation lines at
 * `indent`. An id is never split: AI RMF ids such as "GOVERN 1.6" hold a space.
 * `headWidth` is the head's width on screen, colour codes excluded.
 */
function hanging(head: string, headWidth: number, ids: readonly string[], indent: string): string {
  const words = ids.map((id, i) => (i < ids.length - 1 ? `${id},` : id));
  const lines: string[] = [];
  let line = head;
  let used = headWidth;
  for (const w of words) {
    if (used > indent.length && used + 1 + w.length > WIDTH) {
      lines.push(line);
      line = indent + w;
      used = indent.length + w.length;
      continue;
    }
    line += ` ${w}`;
    used += 1 + w.length;
  }
  lines.push(line);
  return lines.join("\n");
}

/** `label ids…` with the ids wrapped under themselves, not under the label; a dash for none. */
function labelled(indent: string, label: string, ids: readonly string[], s: Style): string {
  const head = `${indent}${s.dim(label.padEnd(LABEL))}`;
  if (ids.length === 0) return `${head} ${s.dim("—")}`;
  return hanging(head, indent.length + LABEL, ids, indent + " ".repeat(LABEL + 1));
}

// Wrapped before colouring, so the colour codes do not count towards the width.
const dimWrapped = (text: string, s: Style) => wrap(text, WIDTH).split("\n").map(s.dim).join("\n");

/** Cut to `room` characters so a long summary used as a title keeps to one line. */
function fit(text: string, room: number): string {
  return text.length <= room ? text : `${text.slice(0, Math.max(1, room - 1)).trimEnd()}…`;
}

function catalogText(frameworks: readonly FrameworkOverview[], pack: Extract<RefsView, { mode: "catalog" }>["pack"], crosswalk: number, s: Style): string[] {
  const ids = frameworks.reduce((n, f) => n + f.ids, 0);
  const col = Math.max(16, ...frameworks.map((f) => f.framework.name.length + 2));
  const pad = " ".repeat(col);
  const out = [s.bold(`Framework catalog: ${plural(frameworks.length, "framework")}, ${plural(ids, "id")}`)];
  out.push(s.dim(`rule pack: ${pack.posture} posture, ${pack.incident} incident and ${pack.change} change rules, ${plural(pack.controls, "control")}`));
  for (const o of frameworks) {
    out.push("", `${s.bold(o.framework.name.padEnd(col))}${o.framework.title}`);
    out.push(`${pad}${plural(o.ids, "id")} · ${o.rules} cited by rules (posture ${o.posture}, incident ${o.incident}, change ${o.change}) · ${o.controls} by controls`);
    if (o.framework.url) out.push(`${pad}${s.dim(o.framework.url)}`);
  }
  out.push("");
  if (crosswalk > 0) out.push(s.dim(`NIST CSF 1.1: ${plural(crosswalk, "id")} mapped to their CSF 2.0 successors (e.g. nhi-triage refs PR.AC-4)`));
  out.push(s.dim("nhi-triage refs --framework NAME   one framework's entries and the rules that detect each"));
  out.push(s.dim("nhi-triage refs ID                 one entry and every rule and control that cites it"));
  return out;
}

function citerLines(citers: readonly Citer[], width: number, s: Style): string[] {
  const indent = " ".repeat(4 + width + 2);
  return citers.map((c) => `    ${s.bold(c.id.padEnd(width))}  ${wrap(c.title, WIDTH, indent).slice(indent.length)}`);
}

function entryText(v: EntryView, s: Style): string[] {
  const { node, framework, parent } = v;
  const c = node.coverage;
  const e = c.entry;
  const out = [s.bold(e.display)];
  const row = (key: string, value: string) => `  ${s.dim(key.padEnd(LABEL))}  ${value}`;
  out.push(row("id", e.id));
  if (e.title !== e.id && !e.display.includes(e.title)) out.push(row("title", e.title));
  out.push(row("framework", `${framework.name}  ${framework.title}`));
  out.push(row("level", e.level));
  if (parent) out.push(row("parent", parent.title !== parent.id ? `${parent.id}  ${parent.title}` : parent.id));
  else if (e.parent !== undefined) out.push(row("parent", e.parent));
  const indent = " ".repeat(LABEL + 4);
  out.push(`  ${s.dim("summary".padEnd(LABEL))}  ${wrap(e.summary, WIDTH, indent).slice(indent.length)}`);

  const width = Math.max(0, ...[...KINDS.map((k) => c[k.key]), c.controls].flat().map((x) => x.id.length));
  const rules = KINDS.reduce((n, k) => n + c[k.key].length, 0);
  const below = node.children.length > 0;
  const unit = pluralLevel(leafLevel(node));
  out.push("");
  if (c.detected) {
    out.push(s.bold(`Detected by ${plural(rules, "rule")}`));
    for (const k of KINDS) {
      if (c[k.key].length === 0) continue;
      out.push(`  ${k.heading}`, ...citerLines(c[k.key], width, s));
    }
  } else if (below) {
    // Rules cite the most specific entry, so a category is covered through its subcategories.
    out.push(`No rule cites ${e.id} itself; ${node.detectedLeaves} of the ${node.leaves} ${unit} below it are detected.`);
  } else {
    out.push(`${s.red(s.bold("NOT DETECTED"))}  no rule cites ${e.id}, so no finding of analyze or gate names it`);
  }
  out.push("");
  if (c.controls.length) out.push(s.bold(`Cited by ${plural(c.controls.length, "control")}`), ...citerLines(c.controls, width, s));
  else out.push(s.dim("No control cites it."));

  if (below) {
    const w = Math.max(...node.children.map((k) => k.coverage.entry.id.length));
    const levels = new Set(node.children.map((k) => k.coverage.entry.level));
    const shown = countOf(node.children.length, levels.size === 1 ? [...levels][0] : undefined);
    const summary = node.children.some((k) => k.children.length) ? `, ${node.detectedLeaves} of ${node.leaves} ${unit} detected` : `, ${node.detectedLeaves} detected`;
    out.push("", s.bold(`Below it: ${shown}${summary}`));
    for (const k of node.children) {
      const ke = k.coverage.entry;
      const label = ke.title !== ke.id ? ke.title : ke.summary;
      const mark = k.children.length ? `  ${s.dim(`${k.detectedLeaves} of ${k.leaves} detected`)}` : k.coverage.detected ? "" : `  ${s.red(NOT_DETECTED)}`;
      const markWidth = k.children.length ? `  ${k.detectedLeaves} of ${k.leaves} detected`.length : k.coverage.detected ? 0 : NOT_DETECTED.length + 2;
      out.push(`    ${ke.id.padEnd(w)}  ${fit(label, WIDTH - 4 - w - 2 - markWidth)}${mark}`);
    }
  }
  return out;
}

/** The level shared by every leaf below a node, if they share one. */
function leafLevel(n: CoverageNode): string | undefined {
  const levels = new Set<string>();
  const walk = (m: CoverageNode): void => {
    if (m.children.length === 0) levels.add(m.coverage.entry.level);
    else m.children.forEach(walk);
  };
  walk(n);
  return levels.size === 1 ? [...levels][0] : undefined;
}

/** Nothing below this node (or the node itself) is cited by a rule or control. */
function silent(n: CoverageNode): boolean {
  const c = n.coverage;
  return !c.detected && c.controls.length === 0 && n.children.every(silent);
}

function nodeLines(n: CoverageNode, depth: number, unit: string, flat: boolean, s: Style): string[] {
  const c = n.coverage;
  const e = c.entry;
  const indent = "  ".repeat(depth);
  const detail = `${indent}    `;
  const out: string[] = [];
  if (n.children.length === 0) {
    if (flat || depth === 0) out.push("");
    const label = e.title !== e.id ? e.title : e.summary;
    const mark = c.detected ? "" : `  ${s.red(NOT_DETECTED)}`;
    const room = WIDTH - indent.length - e.id.length - 2 - (c.detected ? 0 : NOT_DETECTED.length + 2);
    out.push(`${indent}${s.bold(e.id)}  ${fit(label, room)}${mark}`);
    if (c.detected) for (const k of KINDS) out.push(labelled(detail, k.label, c[k.key].map((x) => x.id), s));
    if (c.detected || c.controls.length) out.push(labelled(detail, "controls", c.controls.map((x) => x.id), s));
    return out;
  }
  const rollup = `${n.detectedLeaves} of ${n.leaves} ${unit} detected`;
  const title = e.title !== e.id ? `  ${fit(e.title, WIDTH - indent.length - e.id.length - 4 - rollup.length)}` : "";
  out.push("", `${indent}${s.bold(e.id)}${title}  ${s.dim(rollup)}`);
  // A node a rule cites directly says so before its children.
  if (c.detected) for (const k of KINDS) if (c[k.key].length) out.push(labelled(detail, k.label, c[k.key].map((x) => x.id), s));
  if (c.controls.length) out.push(labelled(detail, "controls", c.controls.map((x) => x.id), s));
  if (n.children.every((k) => k.children.length === 0) && n.children.every(silent)) {
    // A whole group nothing cites is one line, not a screenful of identical marks.
    const ids = n.children.map((k) => k.coverage.entry.id);
    out.push(hanging(`${detail}${s.red(NOT_DETECTED)}`, detail.length + NOT_DETECTED.length, ids, `${detail}  `));
    return out;
  }
  for (const k of n.children) out.push(...nodeLines(k, depth + 1, unit, false, s));
  return out;
}

function kindLine(label: string, k: KindCoverage, total: number, list: boolean): string {
  const head = `  ${label.padEnd(28)}${String(k.covered).padStart(String(total).length)} of ${total}`;
  if (!list || k.missing.length === 0) return head;
  return hanging(`${head}   not:`, head.length + 7, k.missing, " ".repeat(head.length + 8));
}

function summaryLines(sum: CoverageSummary, s: Style): string[] {
  const unit = pluralLevel(sum.level);
  const list = sum.entries <= LIST_MISSING_UP_TO;
  const headline = `Coverage: ${sum.detected} of ${sum.entries === 1 ? `1 ${sum.level ?? "entry"}` : `${sum.entries} ${unit}`} detected by at least one rule`;
  const out = ["", s.bold(sum.detected === sum.entries ? s.green(headline) : s.yellow(headline))];
  out.push(kindLine("by posture rules (gate)", sum.posture, sum.entries, list));
  out.push(kindLine("by incident rules (analyze)", sum.incident, sum.entries, list));
  out.push(kindLine("by change rules (gate)", sum.change, sum.entries, list));
  out.push(kindLine("cited by controls", sum.controls, sum.entries, list));
  if (sum.notDetected.length && list) out.push(hanging(`  ${s.red("not detected:")}`, 15, sum.notDetected, " ".repeat(16)));
  else if (sum.notDetected.length) out.push(`  ${s.red("not detected:")} ${sum.notDetected.length} ${unit}, marked ${NOT_DETECTED} above`);
  return out;
}

function frameworkText(cov: FrameworkCoverage, s: Style): string[] {
  const { framework: f, roots, summary } = cov;
  const out = [s.bold(`${f.name}: ${f.title}`)];
  if (f.url) out.push(s.dim(f.url));
  out.push(dimWrapped(LEGEND, s));
  const flat = roots.every((r) => r.children.length === 0);
  const unit = pluralLevel(summary.level);
  for (const r of roots) out.push(...nodeLines(r, 0, unit, flat, s));
  out.push(...summaryLines(summary, s));
  return out;
}

/** Plain text for a terminal: one entry, one framework's coverage, or the whole catalog. */
export function formatRefsText(view: RefsView, s: Style): string {
  const lines =
    view.mode === "catalog"
      ? catalogText(view.frameworks, view.pack, view.crosswalk, s)
      : view.mode === "entry"
        ? entryText(view.view, s)
        : frameworkText(view.coverage, s);
  return `${lines.join("\n")}\n`;
}
