import type { RulePackTest } from "../engine/testRulePack.js";
import { PLAIN, type Style } from "./style.js";

const MISSING = { positive: "no case where it fires", negative: "no case where it stays silent", unknown: "no case where it fires as unknown" } as const;

/** Like a test runner: a line per case, failures indented under it, warnings, then the tally. */
export function formatRuleTest(t: RulePackTest, style: Style = PLAIN): string {
  const s = style;
  const out: string[] = [];
  for (const f of t.files) {
    out.push(s.dim(f.file));
    for (const o of f.outcomes) {
      if (o.failures.length === 0) {
        out.push(`  ${s.green("✓")} ${o.name}`);
        continue;
      }
      out.push(`  ${s.red("✗")} ${o.name}`);
      for (const failure of o.failures) out.push(`      ${failure}`);
      const fired = [...o.fired, ...o.unknown.map((id) => `${id} (unknown)`)];
      out.push(s.dim(`      fired: ${fired.length ? fired.join(", ") : "nothing"}`));
    }
  }
  for (const u of t.uncovered) {
    const what = u.missing.map((m) => MISSING[m]).join(" and ");
    out.push(`${s.yellow("warning")}  ${u.rule}: ${what}`);
  }
  const tally = `${t.passed} passed, ${t.failed} failed (${t.files.map((f) => f.file).join(", ")})`;
  out.push(t.failed ? s.red(tally) : s.green(tally));
  return `${out.join("\n")}\n`;
}
