import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "./run.js";

// The ticket's own words, found by the text pipeline, are shown, carried and pointed at.
const dir = mkdtempSync(join(tmpdir(), "nhi-evidence-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const files = {
  "ticket.md": ["# Nightly deploy trouble", "", "Some context first, nothing happened here.", "", "The migrate job **kept retrying** after the timeout,", "and the second run re-applied the migration.", ""].join("\n"),
  "incident.yaml": [
    "apiVersion: nhi-triage/v1",
    "kind: Incident",
    "id: INC-EV-1",
    "title: Quiet night",
    "description: >",
    "  Nothing unusual at first.",
    "  Then the job kept retrying all night",
    "  and the deploy token was pasted into a public gist.",
    "",
  ].join("\n"),
  // The escaped line break cannot be placed character by character: what follows it points at the field.
  "escaped.yaml": ["apiVersion: nhi-triage/v1", "kind: Incident", "id: INC-EV-2", "title: Quiet night", 'description: "Nothing unusual at first.\\nThen the job kept retrying all night."', ""].join("\n"),
};
for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);

interface Region {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}

/** The file's text a region covers (one line). */
function covered(name: keyof typeof files, r: Region): string {
  expect(r.endLine).toBe(r.startLine);
  return files[name].split("\n")[r.startLine - 1]!.slice(r.startColumn - 1, r.endColumn! - 1);
}

function sarifFor(name: keyof typeof files) {
  const r = run(["analyze", name, "--format", "sarif"], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout).runs[0].results as Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: Region } }>; relatedLocations?: Array<{ physicalLocation: { region: Region }; message: { text: string } }> }>;
}

describe("evidence read in a ticket (end to end)", () => {
  it("text output marks the matched words with guillemets when colour is off", () => {
    const r = run(["analyze", "ticket.md"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('- symptom repeated-retries (description: "The migrate job «kept retrying» after');
    expect(r.stdout).not.toContain("\x1b[");
  });

  it("JSON carries the field, the sentence and every matched word's span", () => {
    const r = run(["analyze", "incident.yaml", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const description = "Nothing unusual at first. Then the job kept retrying all night and the deploy token was pasted into a public gist.\n";
    const f = doc.findings.find((x: { rule: string }) => x.rule === "ORCH-REPEATED-RETRIES");
    expect(f.evidence).toEqual(['symptom repeated-retries (description: "kept retrying")']);
    const [e] = f.evidenceDetail;
    expect(e).toMatchObject({ kind: "detected-symptom", code: "repeated-retries", field: "description", assertion: "asserted", cause: false });
    expect(e.matches.map((m: { text: string }) => m.text)).toEqual(["kept", "retrying"]);
    for (const m of e.matches) expect(description.slice(m.start, m.end)).toBe(m.text);
    expect(description.slice(e.sentence.start, e.sentence.end)).toBe(e.sentence.text);
    expect(e.sentence.text.startsWith("Then the job kept retrying")).toBe(true);
  });

  it("SARIF points at the matched words of a Markdown ticket", () => {
    const res = sarifFor("ticket.md").find((x) => x.ruleId === "ORCH-REPEATED-RETRIES")!;
    const loc = res.locations[0]!.physicalLocation;
    expect(loc.artifactLocation.uri).toBe("ticket.md");
    // Line 5 is "The migrate job **kept retrying** after the timeout,": the emphasis marks are stepped over.
    expect(loc.region).toEqual({ startLine: 5, startColumn: 19, endLine: 5, endColumn: 32 });
    expect(covered("ticket.md", loc.region)).toBe("kept retrying");
    expect(res.relatedLocations!.map((l) => [covered("ticket.md", l.physicalLocation.region), l.message.text])).toEqual([
      ["kept", 'repeated-retries: "kept"'],
      ["retrying", 'repeated-retries: "retrying"'],
    ]);
  });

  it("SARIF points at the matched words of a folded YAML description", () => {
    const results = sarifFor("incident.yaml");
    const retries = results.find((x) => x.ruleId === "ORCH-REPEATED-RETRIES")!.locations[0]!.physicalLocation.region;
    expect(retries).toEqual({ startLine: 7, startColumn: 16, endLine: 7, endColumn: 29 });
    expect(covered("incident.yaml", retries)).toBe("kept retrying");
    const leaked = results.find((x) => x.ruleId === "ID-LEAKED-SECRET")!;
    expect(leaked.locations[0]!.physicalLocation.region.startLine).toBe(8);
    for (const l of leaked.relatedLocations!) expect(l.message.text).toContain(`"${covered("incident.yaml", l.physicalLocation.region)}"`);
  });

  it("words that cannot be placed exactly point at the field, never at a guess", () => {
    const res = sarifFor("escaped.yaml").find((x) => x.ruleId === "ORCH-REPEATED-RETRIES")!;
    expect(res.locations[0]!.physicalLocation.region).toEqual({ startLine: 5, startColumn: 14 });
    expect(res.relatedLocations).toBeUndefined();
  });
});
