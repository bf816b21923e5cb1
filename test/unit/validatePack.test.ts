import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRulePack } from "../../src/load/loadRulePack.js";
import { extraPackProblems, RULES_DIR, tempDir } from "../helpers.js";

function packProblems(when: string, subject = "identity", extra = ""): Promise<string[]> {
  return extraPackProblems({
    "rules/r.yaml": `apiVersion: nhi-triage/v1\nkind: RuleSet\nrules:\n  - id: T-ONE\n    title: t\n    defect: attribution\n    severity: low\n    weight: 1\n    subject: ${subject}\n    when: ${when}\n    reasoning: r\n    controls: [CTL-ASSIGN-OWNER]\n    refs: [NHI1:2025]\n${extra}`,
  });
}

describe("rule pack validation", () => {
  it("accepts a well-formed rule", async () => {
    expect(await packProblems("{ fact: identity.credential.type, in: [static-secret] }")).toEqual([]);
  });
  it("rejects a value the fact can never take, with a suggestion", async () => {
    expect(await packProblems("{ fact: identity.credential.type, equals: static-secrt }")).toEqual([
      '10 identity.credential.type is one of static-secret | password | short-lived-token | workload-identity | certificate; "static-secrt" can never match; did you mean "static-secret"?',
    ]);
  });
  it("rejects a comparison that does not fit the fact's type", async () => {
    expect(await packProblems("{ fact: identity.owner, gt: 3 }")).toEqual(['10 "gt" compares numbers, but identity.owner is a string']);
    expect(await packProblems("{ fact: identity.privileges, equals: admin }")).toEqual(["10 identity.privileges is a list: use includes, includesAny or excludes"]);
  });
  it("rejects two operators in one test", async () => {
    expect(await packProblems("{ fact: step.retries, gt: 1, lt: 5 }", "step")).toEqual([
      "10 a fact test needs exactly one operator (equals, notEquals, in, gt, gte, lt, lte, present, includes, includesAny, excludes), found gt, lt",
    ]);
  });
  it("rejects a fact the subject cannot see", async () => {
    expect(await packProblems("{ fact: step.retries, gt: 1 }", "identity")).toEqual([
      '10 fact "step.retries" describes a step, which a rule on subject "identity" cannot see',
    ]);
  });
  it("rejects a duplicate rule id across packs, naming the first", async () => {
    const dir = tempDir("pack-");
    mkdirSync(join(dir, "rules"));
    writeFileSync(join(dir, "rules", "r.yaml"), "apiVersion: nhi-triage/v1\nkind: RuleSet\nrules:\n  - id: NHI-NO-OWNER\n    title: t\n    defect: attribution\n    severity: low\n    weight: 1\n    subject: identity\n    when: { fact: identity.owner, present: false }\n    reasoning: r\n    controls: [CTL-ASSIGN-OWNER]\n    refs: [NHI1:2025]\n");
    await expect(loadRulePack([RULES_DIR, dir])).rejects.toThrow(/rule "NHI-NO-OWNER" is already defined at .*posture\.yaml:\d+/);
  });
});

describe("what a rule does when a fact is unknown", () => {
  const typed = "{ fact: identity.credential.type, in: [static-secret] }";
  it("is said one way or the other, never both", async () => {
    expect(await packProblems(typed, "identity", "    whenUnknown: { severity: info, title: type not recorded }\n")).toEqual([]);
    expect(await packProblems(typed, "identity", '    unknownSafe: "another rule reports it"\n')).toEqual([]);
    expect(await packProblems(typed, "identity", '    whenUnknown: { title: type not recorded }\n    unknownSafe: "another rule reports it"\n')).toEqual([
      "15 rule T-ONE has both whenUnknown and unknownSafe: say either what it reports when a fact is unknown, or why unknown is safe",
    ]);
  });
  it("is never graver than the rule", async () => {
    expect(await packProblems(typed, "identity", "    whenUnknown: { severity: high, title: type not recorded }\n")).toEqual([
      "14 whenUnknown severity high is graver than the rule's own low: a fact that is not recorded cannot weigh more than one that is",
    ]);
  });
  it("is only said of a condition an unrecorded fact can leave undecided", async () => {
    for (const when of ["{ fact: identity.owner, present: false }", "{ fact: identity.humanUse, notEquals: false }", "{ fact: identity.secretValueInFile, equals: true }"]) {
      expect(await packProblems(when, "identity", '    unknownSafe: "nothing to say"\n'), when).toEqual([
        "14 rule T-ONE says what it does when a fact is unknown, but its condition is always decided (it tests no fact that an unrecorded value leaves open)",
      ]);
    }
    // On an agent, the identity it acts as may be missing, so its secretValueInFile may be unknown.
    expect(await packProblems("{ fact: identity.secretValueInFile, equals: true }", "agent", '    unknownSafe: "nothing to say"\n')).toEqual([]);
  });
});

describe("a framework catalog's parents", () => {
  const entry = (id: string, parent?: string) =>
    `  - id: "${id}"\n    title: t\n    display: "ACME ${id}"\n    summary: s\n    level: control\n${parent === undefined ? "" : `    parent: "${parent}"\n`}`;
  const catalog = (...entries: string[]) => ({ "frameworks/acme.yaml": `framework: acme\ntitle: ACME controls\ngroup: other\nentries:\n${entries.join("")}` });

  it("are entries of the same framework", async () => {
    expect(await extraPackProblems(catalog(entry("AC"), entry("AC-1", "AC"), entry("AC-2", "AC")))).toEqual([]);
    expect(await extraPackProblems(catalog(entry("AC"), entry("AC-1", "AX")))).toEqual(['15 parent "AX" of "AC-1" is not in the catalog; did you mean "AC"?']);
    expect(await extraPackProblems(catalog(entry("AC-1", "GOVERN")))).toEqual(['10 parent "GOVERN" of "AC-1" belongs to nist-ai-rmf, not acme']);
  });
  it("form a tree", async () => {
    expect(await extraPackProblems(catalog(entry("A", "B"), entry("B", "A")))).toEqual([
      '10 parent "B" of "A" leads back to "A": parents must form a tree',
      '16 parent "A" of "B" leads back to "B": parents must form a tree',
    ]);
  });
});
