import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers.js";
import { run } from "./run.js";

const NHI_RISKS = Array.from({ length: 10 }, (_, i) => `NHI${i + 1}:2025`);
const FRAMEWORKS = ["owasp-nhi", "nist-csf", "maestro", "nist-ai-rmf", "nist-sp800-207", "owasp-asi"];
const ESC = "\u001b[";

describe("nhi-triage refs (end to end)", () => {
  it("no arguments: every framework with its title, url, id count and how many ids rules and controls cite", () => {
    const r = run(["refs"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n")[0]).toBe("Framework catalog: 6 frameworks, 268 ids");
    for (const name of FRAMEWORKS) expect(r.stdout).toMatch(new RegExp(`\\n${name} +\\S`));
    expect(r.stdout).toContain("owasp-nhi       OWASP Top 10 Non-Human Identities Risks 2025\n");
    expect(r.stdout).toContain("https://owasp.org/www-project-non-human-identities-top-10/2025/");
    expect(r.stdout).toMatch(/\n {16}10 ids · 10 cited by rules \(posture \d+, incident 10, change \d+\) · 10 by controls\n/);
    expect(r.stdout).not.toContain(ESC);
  });

  it("no arguments, json: a RefsCatalog", () => {
    const r = run(["refs", "--format", "json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ apiVersion: "nhi-triage/v1", kind: "RefsCatalog" });
    expect(doc.frameworks.map((f: { name: string }) => f.name)).toEqual(FRAMEWORKS);
    expect(doc.frameworks[0]).toMatchObject({ name: "owasp-nhi", ids: 10, citedByRules: 10, citedByControls: 10 });
    expect(run(["refs", "--format", "json"]).stdout).toBe(r.stdout);
  });

  it("an id: its display title, framework, level and summary, then every rule and control citing it", () => {
    const r = run(["refs", "NHI7:2025"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "NHI7:2025 Long-Lived Secrets",
      "  id         NHI7:2025",
      "  framework  owasp-nhi  OWASP Top 10 Non-Human Identities Risks 2025",
      "  level      risk",
    ]);
    expect(lines[4]).toMatch(/^ {2}summary {4}Secrets /);
    expect(r.stdout).toMatch(/\nDetected by \d+ rules\n {2}posture rules \(scope: inventory[^\n]*\n/);
    expect(r.stdout).toMatch(/\n {4}NHI-STATIC-SECRET +Static secret/);
    expect(r.stdout).toMatch(/\n {2}incident rules \(analyze\)\n[\s\S]*\n {4}ID-LONG-LIVED-SECRET +A long-lived static secret is involved\n/);
    expect(r.stdout).toMatch(/\n {2}change rules \(gate, base against head\)\n[\s\S]*\n {4}CHANGE-MAX-AGE-RAISED +Credential's max age raised\n/);
    expect(r.stdout).toMatch(/\nCited by \d+ controls\n[\s\S]*CTL-SHORT-LIVED-CREDENTIALS +Replace static secrets/);
    expect(r.stdout).not.toContain(ESC);
  });

  it("ids from each framework: a CSF subcategory shows its parent, a MAESTRO layer and an ASI risk their framework", () => {
    const csf = run(["refs", "PR.AA-05"]);
    expect(csf.code).toBe(0);
    expect(csf.stdout).toMatch(/^NIST CSF 2\.0 PR\.AA-05\n/);
    expect(csf.stdout).toContain("\n  parent     PR.AA  Identity Management, Authentication, and Access Control\n");
    const maestro = run(["refs", "MAESTRO-L4"]);
    expect(maestro.code).toBe(0);
    expect(maestro.stdout).toContain("  framework  maestro  CSA MAESTRO\n");
    const asi = run(["refs", "ASI03"]);
    expect(asi.code).toBe(0);
    expect(asi.stdout).toMatch(/^ASI03 Identity & Privilege Abuse\n/);
    expect(asi.stdout).toContain("NHI-AGENT-NO-RUNTIME-AUTHZ");
  });

  it("an id nothing detects says so; a category sums up its subcategories", () => {
    const asi01 = run(["refs", "ASI01"]);
    expect(asi01.code).toBe(0);
    expect(asi01.stdout).toContain("\nNOT DETECTED  no rule cites ASI01");
    const category = run(["refs", "PR.AA"]);
    expect(category.code).toBe(0);
    expect(category.stdout).toMatch(/\nNo rule cites PR\.AA itself; \d of the 6 subcategories below it are detected\.\n/);
    expect(category.stdout).toMatch(/\n {4}PR\.AA-04 +Identity assertions[^\n]*\[not detected\]\n/);
  });

  it("an id, json: a RefsEntry with the citing rules split by kind", () => {
    const r = run(["refs", "NHI7:2025", "--format", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ kind: "RefsEntry", id: "NHI7:2025", framework: "owasp-nhi", level: "risk", parent: null, detected: true });
    expect(doc.rules.posture).toContainEqual({ id: "NHI-STATIC-SECRET", title: expect.any(String) });
    expect(doc.rules.incident.map((x: { id: string }) => x.id)).toContain("ID-LONG-LIVED-SECRET");
    expect(doc.rules.change.map((x: { id: string }) => x.id)).toContain("CHANGE-MAX-AGE-RAISED");
    expect(doc.controls.length).toBeGreaterThan(0);
  });

  it("--framework owasp-nhi: NHI1–NHI10 in order with their rules by kind, then the coverage", () => {
    const r = run(["refs", "--framework", "owasp-nhi"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    expect(lines.slice(0, 2)).toEqual(["owasp-nhi: OWASP Top 10 Non-Human Identities Risks 2025", "https://owasp.org/www-project-non-human-identities-top-10/2025/"]);
    const headers = lines.filter((l) => /^NHI\d+:2025 /.test(l)).map((l) => l.split(" ")[0]);
    expect(headers).toEqual(NHI_RISKS);
    expect(r.stdout).toMatch(/\nNHI1:2025 {2}Improper Offboarding\n {4}posture {3}[^\n]*NHI-NO-OWNER,[\s\S]*?\n {4}incident {2}[^\n]*ID-ORPHANED[^\n]*\n {4}change {4}CHANGE-OWNER-REMOVED\n {4}controls {2}CTL-/);
    // The AWS credential report's rule reads a machine user's console password without MFA.
    expect(r.stdout).toMatch(/\nNHI4:2025 {2}Insecure Authentication\n {4}posture {3}AWS-MACHINE-USER-CONSOLE-NO-MFA\n/);
    expect(r.stdout).not.toContain("[not detected]");
    expect(r.stdout).toContain("\nCoverage: 10 of 10 risks detected by at least one rule\n");
    expect(r.stdout).toMatch(/\n {2}by posture rules \(gate\) +10 of 10\n/);
    expect(r.stdout).toMatch(/\n {2}by incident rules \(analyze\) +10 of 10\n/);
    expect(r.stdout).not.toContain(ESC);
  });

  it("--framework owasp-asi marks the risks no rule cites", () => {
    const r = run(["refs", "--framework", "owasp-asi"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("\nASI01  Agent Goal Hijack  [not detected]\n");
    expect(r.stdout).toMatch(/\nCoverage: \d of 10 risks detected by at least one rule\n/);
    expect(r.stdout).toMatch(/\n {2}not detected: ASI01, /);
  });

  it("--framework nist-csf: functions and categories summed up over the subcategories", () => {
    const r = run(["refs", "--framework", "nist-csf"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nGV {2}GOVERN {2}\d+ of \d+ subcategories detected\n/);
    expect(r.stdout).toMatch(/\n {2}PR\.AA {2}Identity Management[^\n]* \d of 6 subcategories detected\n/);
    expect(r.stdout).toMatch(/\n {4}PR\.AA-05 {2}[^\n]*\n {8}posture {3}[A-Z0-9]+-/);
    expect(r.stdout).toMatch(/\nCoverage: \d+ of 106 subcategories detected by at least one rule\n/);
  });

  it("--framework, json: a RefsCoverage in catalog order with the summary", () => {
    const r = run(["refs", "--framework", "owasp-nhi", "--format", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.kind).toBe("RefsCoverage");
    expect(doc.entries.map((e: { id: string }) => e.id)).toEqual(NHI_RISKS);
    expect(doc.summary).toMatchObject({ level: "risk", entries: 10, detected: 10, byIncidentRules: 10, notDetected: [] });
    expect(run(["refs", "--framework", "owasp-nhi", "--format", "json"]).stdout).toBe(r.stdout);
  });

  it("an extra rule pack's framework is listed, and its uncited entries are not detected", () => {
    const dir = tempDir("refs-");
    mkdirSync(join(dir, "frameworks"));
    writeFileSync(
      join(dir, "frameworks", "extra.yaml"),
      [
        "framework: extra-fw",
        'title: "An extra framework"',
        "group: other",
        "url: https://example.org/extra",
        "entries:",
        '  - { id: "EXTRA-1", title: "Nobody cites me", display: "EXTRA-1 Nobody cites me", summary: "An entry no rule cites.", level: risk }',
        "",
      ].join("\n"),
    );
    const list = run(["refs", "--rules", dir]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/\nextra-fw +An extra framework\n {16}1 id · 0 cited by rules/);
    const fw = run(["refs", "--framework", "extra-fw", "--rules", dir]);
    expect(fw.code).toBe(0);
    expect(fw.stdout).toContain("\nEXTRA-1  Nobody cites me  [not detected]\n");
    expect(fw.stdout).toContain("\nCoverage: 0 of 1 risk detected by at least one rule\n");
  });

  it("an unknown id: exit 2 with did-you-mean on stderr", () => {
    const r = run(["refs", "NHI7"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe('error  unknown framework id "NHI7"; did you mean "NHI7:2025"?\n');
  });

  it("a NIST CSF 1.1 id: exit 2 naming its CSF 2.0 successors", () => {
    const r = run(["refs", "PR.AC-4"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("PR.AC-4 is a NIST CSF 1.1 id");
    expect(r.stderr).toContain("its CSF 2.0 successor is PR.AA-05");
    const two = run(["refs", "PR.AC-1"]);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain("its CSF 2.0 successors are PR.AA-01, PR.AA-05");
  });

  it("an unknown framework: exit 2 listing the known ones", () => {
    const r = run(["refs", "--framework", "owasp"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('unknown framework "owasp"; did you mean');
    expect(r.stderr).toContain(`Known frameworks: ${FRAMEWORKS.join(", ")}`);
  });

  it("a framework name given as an id, or an id and --framework together: exit 2", () => {
    const name = run(["refs", "owasp-nhi"]);
    expect(name.code).toBe(2);
    expect(name.stderr).toContain("nhi-triage refs --framework owasp-nhi");
    const both = run(["refs", "NHI1:2025", "--framework", "owasp-nhi"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("not both");
  });

  it("--help shows the examples", () => {
    const r = run(["refs", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Examples:\n  nhi-triage refs NHI7:2025\n  nhi-triage refs --framework owasp-nhi");
  });
});
