import { describe, expect, it } from "vitest";
import { testRulePack } from "../../src/engine/testRulePack.js";
import { loadRuleCases } from "../../src/load/loadRuleCases.js";
import { loadRulePack } from "../../src/load/loadRulePack.js";
import { ruleCaseFiles } from "../../src/load/ruleCaseFiles.js";
import { formatRuleTest } from "../../src/report/formatRuleTest.js";
import { builtinPack, NOW, ROOT, RULES_DIR } from "../helpers.js";

const PACK = `${ROOT}fixtures/rule-pack`;

describe("testRulePack", () => {
  it("runs the built-in cases and finds every built-in rule covered both ways", async () => {
    const pack = await builtinPack();
    const files = await loadRuleCases(await ruleCaseFiles(RULES_DIR), pack);
    expect(files.map((f) => f.file)).toEqual([`${RULES_DIR}/cases/builtin.yaml`, `${RULES_DIR}/cases/source-aws.yaml`, `${RULES_DIR}/cases/source-azure.yaml`, `${RULES_DIR}/cases/source-gcp.yaml`, `${RULES_DIR}/cases/source-github.yaml`, `${RULES_DIR}/cases/source-kubernetes.yaml`, `${RULES_DIR}/cases/source-terraform.yaml`]);
    const inputs = files.map((f) => ({ file: f.file.slice(f.file.lastIndexOf("/") + 1), cases: f.cases, now: f.now!, ...(f.inventory ? { inventory: f.inventory } : {}) }));
    const t = testRulePack(pack, inputs, pack.rules.map((r) => r.id));
    expect(t.failed).toBe(0);
    expect(t.passed).toBe(files.reduce((n, f) => n + f.cases.length, 0));
    expect(t.uncovered).toEqual([]);
  });

  it("reports failures per case and rules of the pack under test that lack a positive or a negative case", async () => {
    const pack = await loadRulePack([RULES_DIR, PACK]);
    const [file] = await loadRuleCases(await ruleCaseFiles(PACK), pack);
    const inventory = file!.inventory!;
    const cases = [
      { name: "passes", incident: { symptoms: ["leaked-secret"], affected: { identities: ["ci-deploy"] } }, fires: ["ACME-CI-PROD-TOKEN-LEAKED"] },
      { name: "fails twice", incident: { symptoms: ["leaked-secret"], affected: { identities: ["ci-lint"] } }, fires: ["ACME-CI-PROD-TOKEN-LEAKED"], decision: "orchestration-first" as const },
    ];
    const t = testRulePack(pack, [{ file: "acme.yaml", cases, inventory, now: NOW }], ["ACME-CI-PROD-TOKEN-LEAKED", "ACME-CI-STATIC-PROD-TOKEN"]);
    expect(t.passed).toBe(1);
    expect(t.failed).toBe(1);
    expect(t.files[0]!.outcomes[1]!.failures).toEqual([
      "ACME-CI-PROD-TOKEN-LEAKED should fire but did not",
      expect.stringMatching(/^decision should be orchestration-first, was /),
    ]);
    expect(t.uncovered).toEqual([
      { rule: "ACME-CI-PROD-TOKEN-LEAKED", missing: ["negative"] },
      { rule: "ACME-CI-STATIC-PROD-TOKEN", missing: ["positive", "negative"] },
    ]);

    const text = formatRuleTest(t);
    expect(text).toMatch(/^acme\.yaml\n {2}✓ passes\n {2}✗ fails twice\n {6}ACME-CI-PROD-TOKEN-LEAKED should fire but did not\n {6}decision should be/);
    expect(text).toContain("warning  ACME-CI-PROD-TOKEN-LEAKED: no case where it stays silent\n");
    expect(text).toContain("warning  ACME-CI-STATIC-PROD-TOKEN: no case where it fires and no case where it stays silent\n");
    expect(text.endsWith("1 passed, 1 failed (acme.yaml)\n")).toBe(true);
  });
});
