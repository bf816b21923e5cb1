import { describe, expect, it } from "vitest";
import type { GateFinding, WaiverRef } from "../../src/gate/types.js";
import type { GateReport } from "../../src/report/GateReport.js";
import { ANNOTATIONS_PER_KIND } from "../../src/report/formatGateGithub.js";
import { formatGateMarkdown, MARKDOWN_BUDGET, MARKDOWN_ROWS } from "../../src/report/formatGateMarkdown.js";
import { GATE_FORMATS } from "../../src/report/gateFormat.js";
import { gateOutput } from "../../src/report/gateFormatters.js";
import { PLAIN } from "../../src/report/style.js";
import { builtinPack } from "../helpers.js";
import { gateResult } from "../tools/gateResult.js";

function finding(i: number): GateFinding {
  return {
    origin: "posture",
    fingerprint: `fp-${i}`,
    rule: i % 2 ? "NHI-NO-OWNER" : "NHI-STATIC-SECRET",
    title: "A title",
    defect: "attribution",
    severity: i % 3 ? "high" : "medium",
    subject: `identity:id-${i}`,
    evidence: [`identity id-${i}: owner unknown`],
    controls: ["CTL-ASSIGN-OWNER"],
    refs: ["NHI1:2025"],
    location: { file: "inventory.yaml", line: i + 3, column: 5 },
  };
}

const waiver = (i: number): WaiverRef => ({ rule: "NHI-NO-OWNER", subject: `identity:gone-${i}`, reason: "r", owner: "o", expires: "2027-01-01", location: { file: "w.yaml", line: i + 4, column: 5 } });

/** A gate result with `n` new findings, half existing as many, and as many stale waivers. */
async function large(n: number): Promise<GateReport> {
  const found = Array.from({ length: n }, (_, i) => finding(i));
  const result = gateResult({
    passed: false,
    base: { kind: "present", given: "base.yaml", label: "base.yaml" },
    failing: found.filter((f) => f.severity === "high"),
    new: found,
    existing: found.slice(0, n / 2).map((f) => ({ ...f, fingerprint: `old-${f.fingerprint}` })),
    staleWaivers: Array.from({ length: n }, (_, i) => waiver(i)),
  });
  return { result, pack: await builtinPack(), style: PLAIN, version: "0" };
}

describe("gate reports of a very large result", () => {
  it("Markdown lists the first findings of each kind within its budget and counts the rest in one line (150,000 new findings overflowed the stack)", async () => {
    const text = formatGateMarkdown(await large(150_000));
    const rows = (heading: string) => (text.split(heading)[1] ?? "").split("\n\n")[1]?.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| ---")) ?? [];
    const shown = rows("### New findings (150000)").length - 1;
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThanOrEqual(MARKDOWN_ROWS);
    const stale = text.split("\n").filter((l) => l.startsWith("- NHI-NO-OWNER on identity:gone-")).length;
    const existing = Math.max(0, rows("<summary>Existing findings (75000)</summary>").length - 1);
    const omitted = text.split("\n").filter((l) => l.startsWith("**Not listed here**"));
    expect(omitted).toEqual([
      `**Not listed here** (a comment has room for so much): ${150_000 - shown} new findings, ${150_000 - stale} stale waivers, ${75_000 - existing} existing findings. The SARIF upload (code scanning), \`--format text\` and \`--format json\` list every one.`,
    ]);
    // The failing findings come first, as in a short report.
    expect(rows("### New findings (150000)")[1]).toContain("❌ **high**");
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MARKDOWN_BUDGET);
    expect(text.trimEnd().split("\n").at(-1)).toMatch(/^nhi-triage gate · reproduce locally: /);
  });

  it("GitHub annotations stop at GitHub's limit per kind and say how many were left out", async () => {
    const lines = [...(gateOutput("github", await large(30_000)) as Iterable<string>)].join("").trimEnd().split("\n");
    const kinds = lines.map((l) => /^::(\w+)/.exec(l)?.[1]);
    expect(kinds.filter((k) => k === "error")).toHaveLength(ANNOTATIONS_PER_KIND);
    expect(kinds.filter((k) => k === "warning")).toHaveLength(ANNOTATIONS_PER_KIND);
    expect(kinds.filter((k) => k === "notice")).toHaveLength(1);
    expect(lines).toHaveLength(2 * ANNOTATIONS_PER_KIND + 1);
    // 20,000 failing (high), 10,000 below (medium), 30,000 stale waivers as warnings.
    expect(lines.at(-1)).toContain(`; ${30_000 + 30_000 - 2 * ANNOTATIONS_PER_KIND} more not annotated (GitHub shows 10 errors and 10 warnings a step): the SARIF upload and --format text list them all`);
  });

  it("every other format comes in pieces, none near the longest string, and SARIF and JSON still parse", async () => {
    const report = await large(30_000);
    for (const format of GATE_FORMATS.filter((f) => f !== "markdown" && f !== "github")) {
      const out = gateOutput(format, report);
      expect(typeof out, format).not.toBe("string");
      let pieces = 0;
      let longest = 0;
      let text = "";
      for (const piece of out as Iterable<string>) {
        pieces++;
        longest = Math.max(longest, piece.length);
        text += piece;
      }
      expect(pieces, format).toBeGreaterThan(50);
      expect(longest, format).toBeLessThan(1 << 20);
      if (format === "sarif") expect((JSON.parse(text) as { runs: Array<{ results: unknown[] }> }).runs[0]!.results).toHaveLength(45_000);
      if (format === "json") expect((JSON.parse(text) as { new: unknown[] }).new).toHaveLength(30_000);
    }
  });
});
