import { DECISIONS, type DecisionKind } from "../engine/types.js";
import { diagnostic, InputError } from "../load/diagnostic.js";

/** What a corpus file's author says the tool should answer. */
export interface Expectation {
  decision: DecisionKind;
  /** A credential was still live, so the answer must open with containment. */
  contain: boolean;
  /** The header style: public retellings carry a practitioner's answer, authored fixtures an `Expected:` line. */
  style: "practitioner" | "fixture";
}

const PRACTITIONER = /^# A practitioner's answer: (\S+?)(?=[\s(]|$)/;
const FIXTURE = /^# Expected: (\S+?); contain: (\S+)$/;

/** True when a text carries either header, which is what makes its folder a corpus. */
export function hasExpectation(text: string): boolean {
  return leadingComments(text).some((l) => PRACTITIONER.test(l) || FIXTURE.test(l));
}

/**
 * Reads the header comment block (the lines before the first that is not a comment). Only
 * the header counts, so a ticket that happens to say "contain first" is not read as one.
 */
export function readExpectation(file: string, text: string): Expectation {
  const header = leadingComments(text);
  const sources = new Map([[file, text]]);
  const fail = (line: number, column: number, message: string): never => {
    throw new InputError([diagnostic(file, { line, column }, message)], sources);
  };
  for (const [i, line] of header.entries()) {
    const p = PRACTITIONER.exec(line);
    if (p) {
      const decision = asDecision(p[1]!) ?? fail(i + 1, 28, `expected a practitioner's answer of ${DECISIONS.join(", ")}, got "${p[1]}"`);
      return { decision, contain: header.some((l) => /contain first/.test(l)), style: "practitioner" };
    }
    const f = FIXTURE.exec(line);
    if (f) {
      const decision = asDecision(f[1]!) ?? fail(i + 1, 13, `expected an expected decision of ${DECISIONS.join(", ")}, got "${f[1]}"`);
      if (f[2] !== "yes" && f[2] !== "no") fail(i + 1, line.lastIndexOf(f[2]!) + 1, `expected contain: yes or no, got "${f[2]}"`);
      return { decision, contain: f[2] === "yes", style: "fixture" };
    }
  }
  return fail(1, 1, `expected a header line "# A practitioner's answer: ${DECISIONS.slice(0, 3).join("|")}" (or "# Expected: DECISION; contain: yes|no") before the first non-comment line`);
}

function leadingComments(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const end = lines.findIndex((l) => !l.startsWith("#"));
  return end === -1 ? lines : lines.slice(0, end);
}

function asDecision(word: string): DecisionKind | undefined {
  return (DECISIONS as readonly string[]).includes(word) ? (word as DecisionKind) : undefined;
}
