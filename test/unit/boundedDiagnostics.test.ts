import { describe, expect, it } from "vitest";
import { byPosition, diagnostic, InputError, LISTED_PROBLEMS, listProblems, ProblemList, problemCount, type Diagnostic } from "../../src/load/diagnostic.js";
import { formatDiagnostics } from "../../src/report/formatDiagnostics.js";

const problem = (file: string, line: number, severity: Diagnostic["severity"] = "error") => diagnostic(file, { line, column: 1 }, `problem on line ${line}`, severity);

describe("a file's problems are listed up to LISTED_PROBLEMS, the rest counted", () => {
  it("keeps the first of each file in order and puts one counting line where the next would be", () => {
    const many = [...Array.from({ length: LISTED_PROBLEMS + 5 }, (_, i) => problem("a.yaml", i + 1)), problem("b.yaml", 1)];
    const listed = listProblems(many);
    expect(listed).toHaveLength(LISTED_PROBLEMS + 2);
    expect(listed.slice(0, LISTED_PROBLEMS)).toEqual(many.slice(0, LISTED_PROBLEMS));
    expect(listed[LISTED_PROBLEMS]).toEqual({ file: "a.yaml", line: 0, column: 0, severity: "error", more: 5, message: `… and 5 more problems in this file, not listed (the first ${LISTED_PROBLEMS} are)` });
    expect(listed.at(-1)).toEqual(many.at(-1));
    expect(problemCount(listed)).toBe(many.length);
    // Listing what is already listed changes nothing, so the bound can be applied at every step.
    expect(listProblems(listed)).toEqual(listed);
  });

  it("an error among the unlisted makes the counting line an error; warnings alone, a warning", () => {
    const warnings = Array.from({ length: LISTED_PROBLEMS + 2 }, (_, i) => problem("w.yaml", i + 1, "warning"));
    expect(listProblems(warnings).at(-1)).toMatchObject({ severity: "warning", more: 2 });
    expect(listProblems([...warnings, problem("w.yaml", 999)]).at(-1)).toMatchObject({ severity: "error", more: 3 });
  });

  it("ProblemList works out only the listed ones, and its counting line sorts after them", () => {
    const list = new ProblemList("a.yaml");
    let made = 0;
    for (let i = 0; i < 100_000; i++) list.add(() => (made++, problem("a.yaml", 100_000 - i)));
    expect(made).toBe(LISTED_PROBLEMS);
    expect(list.size).toBe(100_000);
    const sorted = list.toArray().sort(byPosition);
    expect(sorted.at(-1)).toMatchObject({ line: 0, more: 100_000 - LISTED_PROBLEMS });
    expect(problemCount(sorted)).toBe(100_000);
  });

  it("an InputError and the formatter hold a flood of problems to the bound", () => {
    const flood = Array.from({ length: 200_000 }, (_, i) => problem("big.yaml", i + 1));
    const e = new InputError(flood);
    expect(e.diagnostics).toHaveLength(LISTED_PROBLEMS + 1);
    const text = formatDiagnostics(flood, new Map());
    expect(text.split("\n")).toHaveLength(LISTED_PROBLEMS + 1);
    expect(text.split("\n").at(-1)).toBe(`big.yaml  error  … and ${200_000 - LISTED_PROBLEMS} more problems in this file, not listed (the first ${LISTED_PROBLEMS} are)`);
  });
});

describe("formatDiagnostics on huge values", () => {
  it("shortens a 10 MB token in a message to its start and its length (the pattern overflowed its stack)", () => {
    const token = "ab".repeat(5 * 1024 * 1024);
    const text = formatDiagnostics([diagnostic("x.yaml", undefined, `unknown symptom "${token}" here`)], new Map());
    expect(text).toBe(`x.yaml  error  unknown symptom "${token.slice(0, 100)}…(${token.length} characters)" here`);
  });

  it("reads only the part of a 20 MB line around the column, and still marks it cut on both sides", () => {
    const line = `${"x".repeat(10_000_000)}HERE${"y".repeat(10_000_000)}`;
    const text = formatDiagnostics([diagnostic("one-line.json", { line: 1, column: 10_000_001 }, "here")], new Map([["one-line.json", line]]));
    const [, excerpt, caret] = text.split("\n");
    expect(excerpt).toBe(`    1 | …${"x".repeat(50)}HERE${"y".repeat(46)}…`);
    expect(caret!.indexOf("^")).toBe(excerpt!.indexOf("HERE"));
  });
});
