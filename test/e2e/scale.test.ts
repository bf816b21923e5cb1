import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- the benchmark generator is plain JavaScript
import { inventoryYaml } from "../../bench/generate.mjs";
import { tempDir } from "../helpers.js";
import { run } from "./run.js";

/**
 * Inputs large enough to break the tool before issue 14 (a crash, a stack overflow, an
 * out-of-memory abort, or minutes of work), small enough to run here in seconds. Each runs
 * the built CLI and checks its output and exit code; speed itself is the benchmark's.
 */

const NOW = ["--now", "2026-11-23"];

describe("free text: the phrase detector on a long description", () => {
  it("a 1 MB description whose phrase words never meet in one window is triaged (the search took minutes)", () => {
    // "second run … repeated" is a phrase of three words within 8; here they are 12 apart.
    const description = `${"second run ".repeat(50_000)}${"x ".repeat(12)}${"repeated ".repeat(50_000)}`;
    const dir = tempDir("nhi-scale-");
    const file = join(dir, "incident.yaml");
    writeFileSync(file, `apiVersion: nhi-triage/v1\nkind: Incident\nid: INC-LONG\ndescription: ${JSON.stringify(description)}\n`);
    const r = run(["analyze", file, "--format", "json", ...NOW]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const triage = JSON.parse(r.stdout) as { incident: string; decision: string };
    expect(triage.incident).toBe("INC-LONG");
    expect(triage.decision).toMatch(/^(orchestration-first|identity-first|both|insufficient-evidence)$/);
  });
});

describe("free text: a description of tens of megabytes", () => {
  it("57 MB of 2.5 million sentences: the first 2 MB are read, in a heap of 300 MB, and a warning says so (all the words were held at once)", () => {
    const file = join(tempDir("nhi-scale-"), "incident.yaml");
    writeFileSync(file, `apiVersion: nhi-triage/v1\nkind: Incident\nid: INC-HUGE\ndescription: "${"The job retried twice. ".repeat(2_500_000)}"\n`);
    const r = run(["analyze", file, "--format", "json", ...NOW], { env: { NODE_OPTIONS: "--max-old-space-size=300" } });
    expect(r.stderr.split("\n")[0]).toBe(`${file}:4:14  warning  the text is 57,500,000 characters: only the first 2,000,000 were read for symptoms (past that a ticket is pasted logs; keep the part that tells what happened)`);
    expect(r.stderr).not.toMatch(/error|\n\s+at /);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { findings: Array<{ rule: string }> }).findings.length).toBeGreaterThan(0);
  });
});

describe("a flood of problems in one file", () => {
  const LISTED = 100;
  const problemLines = (stderr: string) => stderr.split("\n").filter((l) => /\s\s(error|warning)\s\s/.test(l));

  it("an incident with 130,000 unknown symptoms: exit 2, the first 100 and a count of the rest (the list overflowed the stack)", () => {
    const dir = tempDir("nhi-scale-");
    const file = join(dir, "incident.yaml");
    writeFileSync(file, `apiVersion: nhi-triage/v1\nkind: Incident\nid: INC-1\nsymptoms:\n${Array.from({ length: 130_000 }, (_, i) => `  - bogus-${i}\n`).join("")}`);
    const r = run(["analyze", file, ...NOW]);
    expect(r.code).toBe(2);
    const lines = problemLines(r.stderr);
    expect(lines).toHaveLength(LISTED + 1);
    expect(lines[0]).toBe(`${file}:5:5  error  unknown symptom "bogus-0"; see rules/symptoms.yaml for the vocabulary`);
    expect(lines.at(-1)).toBe(`${file}  error  … and ${130_000 - LISTED} more problems in this file, not listed (the first ${LISTED} are)`);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it("an inventory with 130,000 invalid entries: the gate fails closed and lists 100 of them (it printed 32 MB)", () => {
    const dir = tempDir("nhi-scale-");
    const file = join(dir, "inventory.yaml");
    writeFileSync(file, `apiVersion: nhi-triage/v1\nkind: Inventory\nidentities:\n${Array.from({ length: 130_000 }, (_, i) => `  - id: id-${i}\n    kind: bogus\n`).join("")}`);
    const r = run(["gate", file, ...NOW]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const lines = problemLines(r.stderr);
    expect(lines).toHaveLength(LISTED + 1);
    expect(lines[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:5:11  error  identities\\[0\\]\\.kind: expected one of service-account \\| `));
    expect(lines.at(-1)).toBe(`${file}  error  … and ${130_000 - LISTED} more problems in this file, not listed (the first ${LISTED} are)`);
    expect(r.stderr.length).toBeLessThan(100_000);
  });

  it("an invalid base with 130,000 problems is still counted in full, though only 100 are worked out", () => {
    const dir = tempDir("nhi-scale-");
    const base = join(dir, "base.yaml");
    writeFileSync(base, `apiVersion: nhi-triage/v1\nkind: Inventory\nidentities:\n${Array.from({ length: 130_000 }, (_, i) => `  - id: id-${i}\n    kind: bogus\n`).join("")}`);
    const r = run(["gate", "fixtures/gate/head.yaml", "--base", base, ...NOW]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`base ${base} could not be read (130000 problems): every finding counts as new`);
  });

  it("a 10 MB unknown symptom code: exit 2 with the code cut to its start and length (the message pattern overflowed its stack)", () => {
    const dir = tempDir("nhi-scale-");
    const file = join(dir, "incident.yaml");
    const code = "ab".repeat(5 * 1024 * 1024);
    writeFileSync(file, `apiVersion: nhi-triage/v1\nkind: Incident\nid: INC-1\nsymptoms:\n  - ${code}\n`);
    const r = run(["analyze", file, ...NOW]);
    expect(r.code).toBe(2);
    expect(problemLines(r.stderr)).toEqual([`${file}:5:5  error  unknown symptom "${code.slice(0, 100)}…(${code.length} characters)"; see rules/symptoms.yaml for the vocabulary`]);
  });

  it("130,000 stale waivers: the gate reports them all and warns about the first 100 (the warnings overflowed the stack)", () => {
    const dir = tempDir("nhi-scale-");
    const waivers = join(dir, "waivers.yaml");
    writeFileSync(
      waivers,
      `apiVersion: nhi-triage/v1\nkind: Waivers\nwaivers:\n${Array.from({ length: 130_000 }, (_, i) => `  - { rule: NHI-NO-OWNER, subject: "identity:gone-${i}", reason: r, owner: o, expires: 2027-01-01 }\n`).join("")}`,
    );
    const r = run(["gate", "fixtures/gate/head.yaml", "--waivers", waivers, "--format", "json", ...NOW]);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { staleWaivers: unknown[] }).staleWaivers).toHaveLength(130_000);
    const lines = problemLines(r.stderr);
    expect(lines).toHaveLength(LISTED + 1);
    expect(lines[0]).toBe(`${waivers}:4:5  warning  stale waiver: NHI-NO-OWNER on identity:gone-0 matches no finding; remove it (--strict fails the gate on this)`);
    expect(lines.at(-1)).toBe(`${waivers}  warning  … and ${130_000 - LISTED} more problems in this file, not listed (the first ${LISTED} are)`);
  });
});

describe("gate reports of a large inventory", () => {
  it("--format markdown with 160,000 new findings: the verdict, the first findings that fit and one count of the rest (it overflowed the stack)", () => {
    const dir = tempDir("nhi-scale-");
    const file = join(dir, "inventory.yaml");
    writeFileSync(file, inventoryYaml(60_000, 42, { mix: "stress" }) as string);
    const r = run(["gate", file, "--format", "markdown", ...NOW]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const total = Number(/^### New findings \((\d+)\)$/m.exec(r.stdout)?.[1]);
    expect(total).toBeGreaterThan(150_000);
    expect(r.stdout).toMatch(/^## ❌ nhi-triage gate failed$/m);
    const shown = r.stdout.split("\n").filter((l) => /^\| (❌|⚠️)/.test(l)).length;
    expect(shown).toBeGreaterThan(10);
    expect(r.stdout).toMatch(new RegExp(`^\\*\\*Not listed here\\*\\* \\(a comment has room for so much\\): ${total - shown} new findings[,.]`, "m"));
    expect(Buffer.byteLength(r.stdout)).toBeLessThan(60_000);
  });
});

describe("a large one-line JSON inventory", () => {
  /** One line of JSON, as an export writes it: `count` identities, each `identity(i)`. */
  const oneLine = (head: string, count: number, identity: (i: number) => string) => {
    const dir = tempDir("nhi-scale-");
    const file = join(dir, "inventory.json");
    writeFileSync(file, `{${head}"identities":[${Array.from({ length: count }, (_, i) => identity(i)).join(",")}]}`);
    return file;
  };
  const HEAD = '"apiVersion":"nhi-triage/v1","kind":"Inventory",';

  it("45 MB with an unknown field: exit 2 at the field (the exact parser, asked where the key was, ran out of memory)", () => {
    const file = oneLine(`${HEAD}"colour":"red",`, 1_500_000, (i) => `{"id":"a${i}","kind":"bot"}`);
    const r = run(["gate", file, ...NOW]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(`${file}:1:50  error  unknown field "colour" in (document)`);
  });

  it("45 MB repeating a key: refused with the exact parser's words (each finding's position was a walk from the start)", () => {
    const file = oneLine(`${HEAD}"kind":"Inventory",`, 1_500_000, (i) => `{"id":"a${i}","kind":"bot"}`);
    const r = run(["gate", file, ...NOW]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(`${file}:1:50  error  duplicate key \`kind\` (first at line 1)`);
  });

  it("40,000 identities with a token among their privileges: each found in one pass (each was a walk from the start)", () => {
    const file = oneLine(HEAD, 40_000, (i) => `{"id":"a${i}","kind":"bot","owner":"t","privileges":["repo:read","ghp_${String(i).padStart(36, "x")}"]}`);
    const r = run(["gate", file, "--format", "json", ...NOW]);
    expect(r.code).toBe(1);
    const found = (JSON.parse(r.stdout) as { new: Array<{ rule: string; subject: string; column: number }> }).new.filter((f) => f.rule === "NHI-SECRET-VALUE-IN-IDENTITY");
    expect(found).toHaveLength(40_000);
    // Each points at its own token: the second privilege of its own identity.
    const last = found.find((f) => f.subject === "identity:a39999")!;
    expect(readFileSync(file, "utf8").slice(last.column - 1, last.column + 41)).toBe(`"ghp_${"x".repeat(31)}39999"`);
  });
});

// 40,000, not more: every unknown fact of these bare identities is a finding too (seven per
// identity, a 200 MB report), and the walk from the start these replaced was quadratic in it.
describe("a large one-line flow YAML inventory", () => {
  it("40,000 identities with a token among their privileges: the walk reads the list once (it read it again for each)", () => {
    const file = join(tempDir("nhi-scale-"), "inventory.yaml");
    const identities = Array.from({ length: 40_000 }, (_, i) => `{id: a${i}, kind: bot, owner: t, privileges: [repo:read, ghp_${String(i).padStart(36, "x")}]}`);
    writeFileSync(file, `{apiVersion: nhi-triage/v1, kind: Inventory, identities: [${identities.join(", ")}]}\n`);
    const r = run(["gate", file, "--format", "json", ...NOW]);
    expect(r.code).toBe(1);
    const found = (JSON.parse(r.stdout) as { new: Array<{ rule: string; subject: string; column: number }> }).new.filter((f) => f.rule === "NHI-SECRET-VALUE-IN-IDENTITY");
    expect(found).toHaveLength(40_000);
    const last = found.find((f) => f.subject === "identity:a39999")!;
    expect(readFileSync(file, "utf8").slice(last.column - 1, last.column + 39)).toBe(`ghp_${"x".repeat(31)}39999`);
  });
});

describe("a large YAML inventory the exact parser would have to read", () => {
  const write = (text: string) => {
    const file = join(tempDir("nhi-scale-"), "inventory.yaml");
    writeFileSync(file, text);
    return file;
  };
  const entries = (count: number) => Array.from({ length: count }, (_, i) => `  - { id: a${i}, kind: bot }\n`).join("");

  it("40 MB with a syntax error at the end: exit 2 with js-yaml's words (the exact parser ran out of memory)", () => {
    const file = write(`apiVersion: nhi-triage/v1\nkind: Inventory\nidentities:\n${entries(1_500_000)}  bad: [\n`);
    const r = run(["gate", file, ...NOW]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(`${file}:1500004:3  error  invalid YAML: bad indentation of a mapping entry`);
  });

  it("40 MB with an unknown field: exit 2 on its line (the exact parser, asked where the key was, ran out of memory)", () => {
    const file = write(`apiVersion: nhi-triage/v1\nkind: Inventory\nidentities:\n${entries(1_500_000)}  - id: last\n    kind: bot\n    colour: red\n`);
    const r = run(["gate", file, ...NOW]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:1500006:\\d+  error  unknown field "colour" in identities\\[1500000\\]$`));
  });
});
