import { describe, expect, it } from "vitest";
import type { FrameworkInfo } from "../../src/load/loadFrameworks.js";
import type { CatalogEntry } from "../../src/load/rulePack.js";
import { formatRefsJson } from "../../src/report/formatRefsJson.js";
import { formatRefsText } from "../../src/report/formatRefsText.js";
import { citationIndex, entryView, frameworkCoverage } from "../../src/report/refsCoverage.js";
import type { RefsView } from "../../src/report/RefsView.js";
import { PLAIN } from "../../src/report/style.js";
import { builtinPack } from "../helpers.js";

const NHI: FrameworkInfo = { name: "owasp-nhi", title: "OWASP Top 10 Non-Human Identities Risks 2025", url: "https://example.org/nhi", group: "owaspNhi" };
const FLAT: FrameworkInfo = { name: "flat", title: "A flat framework", group: "other" };

function flatCatalog(): Map<string, CatalogEntry> {
  return new Map(
    ["F1", "F2"].map((id, order) => [id, { id, title: `Risk ${id}`, display: `${id} Risk`, summary: `Summary of ${id}.`, level: "risk", framework: "flat", group: "other" as const, order }]),
  );
}

describe("refs text", () => {
  it("a framework's coverage: every entry with its rules by kind, a mark for the undetected, then the summary", () => {
    const catalog = flatCatalog();
    const index = citationIndex({
      rules: [
        { id: "P-ONE", title: "t", scope: "inventory", defect: "attribution", severity: "high", weight: 1, subject: "identity", when: { fact: "identity.owner", present: false }, reasoning: "r", controls: ["CTL-X"], refs: ["F1"] },
      ],
      changes: [],
      controls: new Map(),
    });
    const text = formatRefsText({ mode: "framework", coverage: frameworkCoverage(catalog, index, FLAT) }, PLAIN);
    expect(text).toContain("\nF1  Risk F1\n    posture   P-ONE\n    incident  —\n    change    —\n    controls  —\n");
    expect(text).toContain("\nF2  Risk F2  [not detected]\n");
    expect(text).toContain("Coverage: 1 of 2 risks detected by at least one rule");
    expect(text).toMatch(/by posture rules \(gate\) +1 of 2 {3}not: F2\n/);
    expect(text).toMatch(/not detected: F2\n$/);
  });

  it("one entry: display title, framework, level, summary, then the citing rules by kind and the controls", async () => {
    const pack = await builtinPack();
    const view: RefsView = { mode: "entry", view: entryView(pack.catalog, citationIndex(pack), [NHI], pack.catalog.get("NHI7:2025")!) };
    const text = formatRefsText(view, PLAIN);
    expect(text.split("\n")[0]).toBe("NHI7:2025 Long-Lived Secrets");
    expect(text).toMatch(/\n {2}framework {2}owasp-nhi {2}OWASP Top 10/);
    expect(text).toMatch(/\n {2}level {6}risk\n/);
    expect(text).toMatch(/\nDetected by \d+ rules\n {2}posture rules[^\n]*\n[\s\S]* {4}NHI-STATIC-SECRET +Static secret/);
    expect(text).toMatch(/\n {2}incident rules \(analyze\)\n[\s\S]* {4}ID-LONG-LIVED-SECRET +A long-lived static secret is involved\n/);
    expect(text).toMatch(/\n {2}change rules[^\n]*\n[\s\S]*CHANGE-MAX-AGE-RAISED/);
    expect(text).toMatch(/\nCited by \d+ controls\n {4}CTL-/);
  });

  it("an uncited leaf says NOT DETECTED; a category says how far its subcategories are detected", async () => {
    const pack = await builtinPack();
    const index = citationIndex(pack);
    const asi01 = formatRefsText({ mode: "entry", view: entryView(pack.catalog, index, [], pack.catalog.get("ASI01")!) }, PLAIN);
    expect(asi01).toContain("NOT DETECTED  no rule cites ASI01");
    const praa = formatRefsText({ mode: "entry", view: entryView(pack.catalog, index, [], pack.catalog.get("PR.AA")!) }, PLAIN);
    expect(praa).not.toContain("NOT DETECTED");
    expect(praa).toMatch(/No rule cites PR\.AA itself; \d of the 6 subcategories below it are detected\./);
    expect(praa).toMatch(/\nBelow it: 6 subcategories, \d detected\n {4}PR\.AA-01 /);
  });

  it("keeps to 92 columns", async () => {
    const pack = await builtinPack();
    const index = citationIndex(pack);
    const texts = [
      formatRefsText({ mode: "framework", coverage: frameworkCoverage(pack.catalog, index, NHI) }, PLAIN),
      formatRefsText({ mode: "framework", coverage: frameworkCoverage(pack.catalog, index, { name: "nist-csf", title: "NIST CSF", group: "nistCsf" }) }, PLAIN),
      formatRefsText({ mode: "entry", view: entryView(pack.catalog, index, [NHI], pack.catalog.get("NHI7:2025")!) }, PLAIN),
    ];
    expect(texts.flatMap((t) => t.split("\n")).filter((l) => l.length > 92)).toEqual([]);
  });
});

describe("refs json", () => {
  it("a framework's coverage in a fixed shape", async () => {
    const pack = await builtinPack();
    const view: RefsView = { mode: "framework", coverage: frameworkCoverage(pack.catalog, citationIndex(pack), NHI) };
    const doc = JSON.parse(formatRefsJson(view));
    expect(Object.keys(doc)).toEqual(["apiVersion", "kind", "framework", "entries", "summary"]);
    expect(doc.kind).toBe("RefsCoverage");
    expect(doc.framework).toEqual({ name: "owasp-nhi", title: NHI.title, url: NHI.url, group: "owaspNhi" });
    expect(Object.keys(doc.entries[0])).toEqual(["id", "title", "display", "summary", "level", "parent", "framework", "detected", "rules", "controls"]);
    expect(Object.keys(doc.entries[0].rules)).toEqual(["posture", "incident", "change"]);
    expect(doc.summary).toMatchObject({ level: "risk", entries: 10, detected: 10, notDetected: [] });
    expect(formatRefsJson(view)).toBe(formatRefsJson({ mode: "framework", coverage: frameworkCoverage(pack.catalog, citationIndex(pack), NHI) }));
  });
});
