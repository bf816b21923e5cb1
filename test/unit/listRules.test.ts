import { describe, expect, it } from "vitest";
import { compareStrings } from "../../src/engine/compare.js";
import { formatRuleList } from "../../src/report/formatRuleList.js";
import { listRules } from "../../src/report/listRules.js";
import { builtinPack } from "../helpers.js";

describe("listRules", () => {
  it("lists incident, posture and change rules together, sorted by id", async () => {
    const pack = await builtinPack();
    const { rules, total } = listRules(pack);
    expect(total).toBe(pack.rules.length + pack.changes.length);
    expect(rules.map((r) => r.id)).toEqual([...rules.map((r) => r.id)].sort(compareStrings));
    expect(new Set(rules.map((r) => r.scope))).toEqual(new Set(["incident", "inventory", "change"]));
    expect(rules.find((r) => r.id === "CHANGE-OWNER-REMOVED")?.scope).toBe("change");
  });

  it("filters by defect, exact severity and a reference or one beneath it", async () => {
    const pack = await builtinPack();
    expect(listRules(pack, { severity: "critical" }).rules.every((r) => r.severity === "critical")).toBe(true);
    expect(listRules(pack, { defect: "boundary" }).rules.every((r) => r.defect === "boundary")).toBe(true);
    const exact = listRules(pack, { ref: "PR.AA-05" }).rules;
    expect(exact.length).toBeGreaterThan(0);
    expect(exact.every((r) => r.refs.includes("PR.AA-05"))).toBe(true);
    const category = listRules(pack, { ref: "PR.AA" }).rules.map((r) => r.id);
    expect(category).toEqual(expect.arrayContaining(exact.map((r) => r.id)));
    expect(listRules(pack, { ref: "PR" }).rules.length).toBeGreaterThanOrEqual(category.length);
  });

  it("text ends with a count line; json carries the filter", async () => {
    const pack = await builtinPack();
    const all = formatRuleList(listRules(pack), {}, "text");
    expect(all).toMatch(/\n\d+ rules \(\d+ incident, \d+ inventory, \d+ change\)\n$/);
    const some = formatRuleList(listRules(pack, { severity: "critical" }), { severity: "critical" }, "text");
    expect(some).toMatch(/\n\d+ of \d+ rules match \(/);
    const doc = JSON.parse(formatRuleList(listRules(pack, { defect: "boundary" }), { defect: "boundary" }, "json"));
    expect(doc).toMatchObject({ apiVersion: "nhi-triage/v1", kind: "RuleList", filter: { defect: "boundary", severity: null, ref: null } });
  });
});
