import { compareStrings } from "../engine/compare.js";
import type { RulePack } from "../load/rulePack.js";
import { LAYERS } from "../load/schema/rules.js";
import { listRules, type RuleListEntry } from "./listRules.js";
import { changeFact, controlView, findRule, ruleView, unknownLine, type ControlLink, type ControlView, type RefView, type RuleCaseSet, type RuleView } from "./ruleView.js";

export interface RuleDocsOptions {
  /** A source file's path relative to the repository root; without it, pages do not link to the YAML. */
  source?: (file: string) => string;
}

const HEADER = "<!-- Generated from the rule pack by `npm run docs`; do not edit by hand. -->";

const SCOPE_NOTE = {
  incident: "incident: analyze checks it on what an incident touches",
  inventory: "inventory: a posture rule; the gate checks it on every inventory entry, analyze on what an incident touches at half weight",
  change: "change: the gate compares it between a base and a head inventory",
} as const;

/** Markdown's own characters in prose from YAML, so a title can never turn into markup. */
const CASE_WORDS = { fires: "fires", unknown: "fires as unknown", silent: "stays silent" } as const;
const md = (s: string) => s.replace(/[\\`*_[\]<|]/g, (c) => `\\${c}`);
const page = (id: string) => `${id}.md`;
const linkTo = (id: string) => `[${id}](${page(id)})`;
const controlLink = (c: ControlLink) => `${linkTo(c.id)} ${md(c.title)}`;

function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)];
}

function section(title: string, lines: readonly string[]): string[] {
  return lines.length ? ["", `## ${title}`, "", ...lines] : [];
}

function sourceRow(file: string | undefined, opts: RuleDocsOptions): Array<[string, string]> {
  if (file === undefined || !opts.source) return [];
  const rel = opts.source(file).split("\\").join("/");
  return [["Defined in", `[${rel}](../../${rel})`]];
}

function refTable(refs: readonly RefView[]): string[] {
  return table(["Reference", "Title", "Summary"], refs.map((r) => [`\`${r.id}\``, md(r.display), md(r.summary)]));
}

function facts(rows: ReadonlyArray<readonly [string, string]>): string[] {
  return rows.map(([k, v]) => `- **${k}**: ${v}`);
}

/** The top of every rule and control page. */
function pageHead(id: string, title: string): string[] {
  return [HEADER, `# ${id}: ${md(title)}`, "", "[All rules and controls](README.md)", ""];
}

function rulePage(v: RuleView, opts: RuleDocsOptions): string {
  const out = [
    ...pageHead(v.id, v.title),
    ...facts([
      ["Scope", md(SCOPE_NOTE[v.scope])],
      ["Defect", v.defect],
      ["Severity", v.severity],
      ...(v.weight !== undefined ? ([["Weight", String(v.weight)]] as const) : []),
      ["Subject", v.subject],
      ...sourceRow(v.origin?.file, opts),
    ]),
    ...section("Why", [md(v.reasoning)]),
  ];
  if (v.change) {
    out.push(
      ...section("Change", [
        ...facts([
          ["Fact", `\`${v.change.fact}\``],
          ["Change", v.change.change],
          ...(v.change.scale ? ([["Scale", `${md(v.change.scale.join(" > "))} (strongest first)`]] as const) : []),
        ]),
      ]),
    );
  }
  if (v.when) out.push(...section(v.change ? "Only when (on the head entry)" : "When", ["```text", ...v.when, "```"]));
  if (v.unknown) out.push(...section("When a fact it needs is not recorded", [md(unknownLine(v.unknown))]));
  out.push(
    ...section(
      "Controls",
      v.controls.map((c) => {
        const requires = c.requires.length ? ` Requires ${c.requires.map((r) => linkTo(r.id)).join(", ")}.` : "";
        return `- ${linkTo(c.id)} **${md(c.title)}** (${c.layer}). ${md(c.what)}${requires}`;
      }),
    ),
  );
  out.push(...section("References", refTable(v.refs)));
  out.push(...section("Encodes", v.encodes.map((e) => `- \`${e.key}\`: ${md(e.text)}`)));
  const cases = v.cases.map((c) => `- ${CASE_WORDS[c.expect]}: ${md(c.name)} (\`${c.file}\`)`);
  // Cases run incidents; a change rule compares two inventories, so none can exercise it.
  if (v.scope !== "change") out.push(...section("Cases", cases.length ? cases : ["No rule case exercises this rule."]));
  return `${out.join("\n")}\n`;
}

function controlPage(v: ControlView, opts: RuleDocsOptions): string {
  const out = [
    ...pageHead(v.id, v.title),
    ...facts([["Layer", v.layer], ...sourceRow(v.origin?.file, opts)]),
    ...section("What", [md(v.what)]),
    ...section("Requires", v.requires.map((r) => `- ${controlLink(r)}`)),
    ...section("Required by", v.dependents.map((r) => `- ${controlLink(r)}`)),
    ...section("References", refTable(v.refs)),
    ...section("Called for by", table(["Rule", "Scope", "Title"], v.calledFor.map((r) => [linkTo(r.id), r.scope, md(r.title)]))),
  ];
  return `${out.join("\n")}\n`;
}

function ruleTable(rules: readonly RuleListEntry[]): string[] {
  return table(["Rule", "Title", "Defect", "Severity", "Subject"], rules.map((r) => [linkTo(r.id), md(r.title), r.defect, r.severity, r.subject]));
}

function index(pack: RulePack, rules: readonly RuleListEntry[], controls: readonly ControlView[]): string {
  const of = (scope: RuleListEntry["scope"]) => rules.filter((r) => r.scope === scope);
  const out = [
    HEADER,
    "# Rules and controls",
    "",
    "Every rule and control of the rule pack, generated from the pack's YAML. `nhi-triage rules show ID` prints the same",
    "page in a terminal; [the rule format](../rule-format.md) explains the fields.",
    ...section(`Posture rules (${of("inventory").length})`, [
      "`scope: inventory`: the gate checks them on every inventory entry; analyze on what an incident touches.",
      "",
      ...ruleTable(of("inventory")),
    ]),
    ...section(`Incident rules (${of("incident").length})`, ["Checked by analyze on an incident and what it touches.", "", ...ruleTable(of("incident"))]),
    ...section(`Change rules (${of("change").length})`, [
      "Compared by the gate between a base and a head inventory.",
      "",
      ...table(
        ["Rule", "Title", "Defect", "Severity", "Fact", "Change"],
        of("change").map((r) => {
          const c = pack.changes.find((x) => x.id === r.id)!;
          return [linkTo(r.id), md(r.title), r.defect, r.severity, `\`${changeFact(c)}\``, c.change];
        }),
      ),
    ]),
    ...section(`Controls (${controls.length})`, [
      ...table(
        ["Control", "Title", "Layer", "Requires"],
        controls.map((c) => [linkTo(c.id), md(c.title), c.layer, c.requires.map((r) => linkTo(r.id)).join(", ")]),
      ),
    ]),
  ];
  return `${out.join("\n")}\n`;
}

/**
 * The Markdown pages of docs/rules/: an index, one page per rule (the content of
 * `rules show`) and one per control, keyed by their path under docs/rules/.
 */
export function ruleDocs(pack: RulePack, cases: readonly RuleCaseSet[], opts: RuleDocsOptions = {}): Map<string, string> {
  const rules = listRules(pack).rules;
  const controls = [...pack.controls.keys()]
    .map((id) => controlView(pack, id))
    .sort((a, b) => LAYERS.indexOf(a.layer) - LAYERS.indexOf(b.layer) || compareStrings(a.id, b.id));
  const pages = new Map<string, string>([["README.md", index(pack, rules, controls)]]);
  for (const r of rules) pages.set(page(r.id), rulePage(ruleView(pack, findRule(pack, r.id)!, cases), opts));
  for (const c of [...controls].sort((a, b) => compareStrings(a.id, b.id))) pages.set(page(c.id), controlPage(c, opts));
  return pages;
}
