import { describe, expect, it } from "vitest";
import { BUILTIN_RULES_DIR } from "../../src/cli/builtinRules.js";
import { loadFrameworks, type FrameworkInfo } from "../../src/load/loadFrameworks.js";
import type { CatalogEntry } from "../../src/load/rulePack.js";
import type { ChangeRule, Control, Rule } from "../../src/load/schema/rules.js";
import { lookupRef } from "../../src/report/lookupRef.js";
import { catalogFrameworks, catalogOverview, citationIndex, entryView, frameworkCoverage } from "../../src/report/refsCoverage.js";
import { builtinPack } from "../helpers.js";

const NHI_RISKS = Array.from({ length: 10 }, (_, i) => `NHI${i + 1}:2025`);

function rule(id: string, refs: string[], scope?: "inventory"): Rule {
  return {
    id,
    title: `${id} title`,
    ...(scope ? { scope } : {}),
    defect: "attribution",
    severity: "high",
    weight: 1,
    subject: "identity",
    when: { fact: "identity.owner", present: false },
    reasoning: "r",
    controls: ["CTL-X"],
    refs,
  };
}

function change(id: string, refs: string[]): ChangeRule {
  return { id, title: `${id} title`, defect: "attribution", severity: "high", subject: "identity", fact: "identity.owner", change: "removed", reasoning: "r", controls: ["CTL-X"], refs };
}

function control(id: string, refs: string[]): Control {
  return { id, title: `${id} title`, layer: "identity", what: "w", refs };
}

/** A framework of two categories: T.A with two leaves, T.B with one leaf nothing but a control cites, plus an uncited leaf. */
function smallCatalog(): Map<string, CatalogEntry> {
  const entries: Array<Omit<CatalogEntry, "order" | "framework" | "group">> = [
    { id: "T.A", title: "Category A", display: "T.A", summary: "a", level: "category" },
    { id: "T.A-01", title: "T.A-01", display: "T.A-01", summary: "a1", level: "subcategory", parent: "T.A" },
    { id: "T.A-02", title: "T.A-02", display: "T.A-02", summary: "a2", level: "subcategory", parent: "T.A" },
    { id: "T.B", title: "Category B", display: "T.B", summary: "b", level: "category" },
    { id: "T.B-01", title: "T.B-01", display: "T.B-01", summary: "b1", level: "subcategory", parent: "T.B" },
  ];
  return new Map(entries.map((e, order) => [e.id, { ...e, framework: "test-fw", group: "other", order }]));
}

const TEST_FW: FrameworkInfo = { name: "test-fw", title: "Test framework", group: "other" };

describe("who cites a framework id", () => {
  it("splits rules into posture (scope: inventory), incident (no scope) and change rules, and lists controls apart", () => {
    const index = citationIndex({
      rules: [rule("P-ONE", ["T.A-01"], "inventory"), rule("I-ONE", ["T.A-01", "T.A-01"])],
      changes: [change("C-ONE", ["T.A-01"])],
      controls: new Map([["CTL-ONE", control("CTL-ONE", ["T.A-01", "T.B-01"])]]),
    });
    expect(index.get("T.A-01")).toEqual({
      posture: [{ id: "P-ONE", title: "P-ONE title" }],
      incident: [{ id: "I-ONE", title: "I-ONE title" }],
      change: [{ id: "C-ONE", title: "C-ONE title" }],
      controls: [{ id: "CTL-ONE", title: "CTL-ONE title" }],
    });
    expect(index.get("T.B-01")?.controls).toHaveLength(1);
    expect(index.get("T.A-02")).toBeUndefined();
  });

  it("every OWASP NHI 2025 risk NHI1–NHI10 shows exactly the rules whose refs cite it", async () => {
    const pack = await builtinPack();
    const cov = frameworkCoverage(pack.catalog, citationIndex(pack), { name: "owasp-nhi", title: "t", group: "owaspNhi" });
    expect(cov.entries.map((e) => e.entry.id)).toEqual(NHI_RISKS);
    for (const e of cov.entries) {
      const id = e.entry.id;
      const ids = (xs: ReadonlyArray<{ id: string; refs: readonly string[] }>) => xs.filter((x) => x.refs.includes(id)).map((x) => x.id).sort();
      expect(e.posture.map((r) => r.id), id).toEqual(ids(pack.rules.filter((r) => r.scope === "inventory")));
      expect(e.incident.map((r) => r.id), id).toEqual(ids(pack.rules.filter((r) => r.scope !== "inventory")));
      expect(e.change.map((r) => r.id), id).toEqual(ids(pack.changes));
      expect(e.controls.map((c) => c.id), id).toEqual(ids([...pack.controls.values()]));
      expect(e.incident.length + e.posture.length, `${id} is cited by a posture or incident rule`).toBeGreaterThan(0);
      expect(e.detected).toBe(true);
    }
    expect(cov.summary).toMatchObject({ level: "risk", entries: 10, detected: 10, notDetected: [] });
    expect(cov.summary.incident.covered).toBe(10);
  });

  it("the known gaps of the built-in pack: no change rule for NHI3, NHI6, NHI10 (AWS-MACHINE-USER-CONSOLE-NO-MFA covers NHI4)", async () => {
    const pack = await builtinPack();
    const { summary } = frameworkCoverage(pack.catalog, citationIndex(pack), { name: "owasp-nhi", title: "t", group: "owaspNhi" });
    expect(summary.posture.missing).toEqual([]);
    expect(summary.change.missing).toEqual(["NHI3:2025", "NHI6:2025", "NHI10:2025"]);
  });

  it("an entry no rule cites is not detected, even when a control cites it", () => {
    const catalog = smallCatalog();
    const index = citationIndex({
      rules: [rule("P-ONE", ["T.A-01"], "inventory")],
      changes: [],
      controls: new Map([["CTL-ONE", control("CTL-ONE", ["T.B-01"])]]),
    });
    const cov = frameworkCoverage(catalog, index, TEST_FW);
    const byId = new Map(cov.entries.map((e) => [e.entry.id, e]));
    expect(byId.get("T.A-01")?.detected).toBe(true);
    expect(byId.get("T.A-02")?.detected).toBe(false);
    expect(byId.get("T.B-01")?.detected).toBe(false);
    expect(byId.get("T.B-01")?.controls.map((c) => c.id)).toEqual(["CTL-ONE"]);
    // Counted over the subcategories only: the categories above them are not entries to detect.
    expect(cov.summary).toMatchObject({ level: "subcategory", entries: 3, detected: 1, notDetected: ["T.A-02", "T.B-01"] });
    expect(cov.summary.posture).toEqual({ covered: 1, missing: ["T.A-02", "T.B-01"] });
    expect(cov.summary.controls).toEqual({ covered: 1, missing: ["T.A-01", "T.A-02"] });
    expect(cov.roots.map((n) => [n.coverage.entry.id, n.detectedLeaves, n.leaves])).toEqual([
      ["T.A", 1, 2],
      ["T.B", 0, 1],
    ]);
  });

  it("an entry view carries the parent, the children and the detected leaves below", () => {
    const catalog = smallCatalog();
    const index = citationIndex({ rules: [rule("I-ONE", ["T.A-02"])], changes: [], controls: new Map() });
    const category = entryView(catalog, index, [TEST_FW], catalog.get("T.A")!);
    expect(category.parent).toBeUndefined();
    expect(category.node.children.map((n) => [n.coverage.entry.id, n.coverage.detected])).toEqual([
      ["T.A-01", false],
      ["T.A-02", true],
    ]);
    expect([category.node.detectedLeaves, category.node.leaves]).toEqual([1, 2]);
    const leaf = entryView(catalog, index, [TEST_FW], catalog.get("T.A-02")!);
    expect(leaf.parent?.id).toBe("T.A");
    expect(leaf.framework).toBe(TEST_FW);
    expect(leaf.node.coverage.incident.map((r) => r.id)).toEqual(["I-ONE"]);
  });

  it("a parent cycle in an extra pack's catalog does not recurse for ever", () => {
    const catalog = smallCatalog();
    catalog.set("T.A", { ...catalog.get("T.A")!, parent: "T.A-01" });
    catalog.set("T.A-01", { ...catalog.get("T.A-01")!, parent: "T.A" });
    const index = citationIndex({ rules: [], changes: [], controls: new Map() });
    expect(entryView(catalog, index, [TEST_FW], catalog.get("T.A")!).node.children.map((n) => n.coverage.entry.id)).toEqual(["T.A-01", "T.A-02"]);
    expect(() => frameworkCoverage(catalog, index, TEST_FW)).not.toThrow();
  });
});

describe("the built-in catalog", () => {
  it("lists OWASP NHI, NIST CSF and MAESTRO first, each with its title from its file", async () => {
    const pack = await builtinPack();
    const frameworks = catalogFrameworks(pack.catalog, await loadFrameworks([BUILTIN_RULES_DIR]));
    expect(frameworks.map((f) => f.name)).toEqual(["owasp-nhi", "nist-csf", "maestro", "nist-ai-rmf", "nist-sp800-207", "owasp-asi"]);
    expect(frameworks[0]).toEqual({ name: "owasp-nhi", title: "OWASP Top 10 Non-Human Identities Risks 2025", url: "https://owasp.org/www-project-non-human-identities-top-10/2025/", group: "owaspNhi" });
    const overview = catalogOverview(pack.catalog, citationIndex(pack), frameworks);
    expect(overview.reduce((n, o) => n + o.ids, 0)).toBe(pack.catalog.size);
    expect(overview[0]).toMatchObject({ ids: 10, rules: 10, controls: 10 });
  });

  it("OWASP ASI has risks no rule cites", async () => {
    const pack = await builtinPack();
    const { summary } = frameworkCoverage(pack.catalog, citationIndex(pack), { name: "owasp-asi", title: "t", group: "other" });
    expect(summary.notDetected).toContain("ASI01");
    expect(summary.detected).toBeLessThan(summary.entries);
  });

  it("NIST CSF is counted over its subcategories", async () => {
    const pack = await builtinPack();
    const { summary, roots } = frameworkCoverage(pack.catalog, citationIndex(pack), { name: "nist-csf", title: "t", group: "nistCsf" });
    expect(summary.level).toBe("subcategory");
    expect(roots.map((r) => r.coverage.entry.level)).toEqual(roots.map(() => "function"));
    expect(roots.reduce((n, r) => n + r.leaves, 0)).toBe(summary.entries);
  });
});

describe("looking up an id as a user types it", () => {
  it("finds catalog ids, also in lower case", async () => {
    const pack = await builtinPack();
    expect(lookupRef(pack, "NHI7:2025")).toMatchObject({ kind: "entry", entry: { id: "NHI7:2025" } });
    expect(lookupRef(pack, "asi03")).toMatchObject({ kind: "entry", entry: { id: "ASI03" } });
    expect(lookupRef(pack, "govern 1.6")).toMatchObject({ kind: "entry", entry: { id: "GOVERN 1.6" } });
  });

  it("tells a NIST CSF 1.1 id by its crosswalk, with or without a leading zero", async () => {
    const pack = await builtinPack();
    expect(lookupRef(pack, "PR.AC-4")).toEqual({ kind: "csf11", id: "PR.AC-4", successors: ["PR.AA-05"] });
    expect(lookupRef(pack, "PR.AC-04")).toEqual({ kind: "csf11", id: "PR.AC-4", successors: ["PR.AA-05"] });
  });

  it("suggests the nearest ids for an unknown one", async () => {
    const pack = await builtinPack();
    expect(lookupRef(pack, "NHI7")).toEqual({ kind: "unknown", id: "NHI7", suggestions: ["NHI7:2025"] });
    expect(lookupRef(pack, "zzzzzz")).toEqual({ kind: "unknown", id: "zzzzzz", suggestions: [] });
  });
});
