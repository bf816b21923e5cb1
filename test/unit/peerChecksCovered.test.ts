import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";

interface Row { source: string; tool: string; check: string; covered: string; line: number }

const REASONS = ["not yet built", "needs data the source does not give", "needs the network", "out of scope"];

/** The rows of the table under "## Peer checks covered" in docs/discover.md. */
function table(): Row[] {
  const lines = readFileSync(join(ROOT, "docs/discover.md"), "utf8").split("\n");
  const start = lines.indexOf("## Peer checks covered");
  expect(start, "docs/discover.md has a section \"Peer checks covered\"").toBeGreaterThan(-1);
  const rows: Row[] = [];
  for (let i = start + 1; i < lines.length && !lines[i]!.startsWith("## "); i++) {
    const l = lines[i]!;
    if (!l.startsWith("|") || /^\|\s*(source|-)/.test(l)) continue;
    const cells = l.slice(1, -1).split("|").map((c) => c.trim());
    expect(cells, `docs/discover.md:${i + 1}: five cells`).toHaveLength(5);
    const [source, tool, check, covered] = cells as [string, string, string, string];
    rows.push({ source, tool, check: check.replace(/^`|`$/g, ""), covered, line: i + 1 });
  }
  return rows;
}

/** Every `seeAlso` of the built-in rules, with the rule that names it. */
function seeAlsos(): Array<{ rule: string; tool: string; id: string }> {
  const dir = join(ROOT, "rules/rules");
  return readdirSync(dir).filter((f) => f.endsWith(".yaml")).flatMap((f) => {
    const pack = parse(readFileSync(join(dir, f), "utf8")) as { rules: Array<{ id: string; seeAlso?: Array<{ tool: string; id: string }> }> };
    return pack.rules.flatMap((r) => (r.seeAlso ?? []).map((s) => ({ rule: r.id, tool: s.tool, id: s.id })));
  });
}

const coveredBy = (row: Row) => [...row.covered.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

describe("docs/discover.md: Peer checks covered", () => {
  const rows = table();
  const named = seeAlsos();

  it("lists every seeAlso of the rules, covered by the rule that names it", () => {
    const missing = named.filter((s) => !rows.some((r) => r.tool === s.tool && r.check === s.id && coveredBy(r).includes(s.rule)));
    expect(missing.map((s) => `${s.tool} ${s.id} (${s.rule})`)).toEqual([]);
  });

  it("claims a rule covers a check only when that rule names it under seeAlso", () => {
    const claims = rows.flatMap((r) => coveredBy(r).map((rule) => ({ r, rule })));
    const unbacked = claims.filter(({ r, rule }) => !named.some((s) => s.rule === rule && s.tool === r.tool && s.id === r.check));
    expect(unbacked.map(({ r, rule }) => `docs/discover.md:${r.line}: ${r.tool} ${r.check} → ${rule}`)).toEqual([]);
    expect(claims.length).toBe(named.length);
  });

  it("says why of each check it does not cover", () => {
    const uncovered = rows.filter((r) => !coveredBy(r).length);
    expect(uncovered.length).toBeGreaterThan(0);
    for (const r of uncovered) expect(REASONS.map((why) => `not covered: ${why}`), `docs/discover.md:${r.line}`).toContain(r.covered);
  });

  it("lists each check once", () => {
    const keys = rows.map((r) => `${r.tool} ${r.check}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
});
