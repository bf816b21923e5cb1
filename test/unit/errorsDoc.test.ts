import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";
import { errorMessages, fragments, HOLE, normalise, type Message } from "../tools/errorMessages.js";

const DOC = `${ROOT}docs/errors.md`;

describe("docs/errors.md", () => {
  // One pass of the TypeScript checker over src/ serves every test below.
  let messages: Message[] = [];
  const doc = normalise(readFileSync(DOC, "utf8"));
  beforeAll(() => {
    messages = errorMessages(ROOT);
  }, 120_000);

  it("the scan of src/ finds the messages it should (so a broken scan cannot pass vacuously)", () => {
    const all = messages.map((m) => m.template).join("\n");
    for (const known of [
      "file not found",
      "is one of the input files; refusing to overwrite it",
      "prerequisite cycle",
      "expected a duration such as 90d",
      "question \"",
      "interrupted; nothing written",
      "gate needs an inventory",
      `unknown symptom "${HOLE}"`,
    ]) {
      expect(all).toContain(known);
    }
    expect(messages.length).toBeGreaterThan(150);
  });

  it("documents every error, warning and note the source can print", () => {
    const missing = messages.flatMap((m) => fragments(m.template).filter((f) => !doc.includes(f)).map((f) => `${m.at}  "${f}"  (from: ${JSON.stringify(m.template)})`));
    // Each line names the place in src/ and the words docs/errors.md lacks.
    expect([...new Set(missing)]).toEqual([]);
  });

  it("names every exit code the tool uses", () => {
    for (const code of ["| 0 |", "| 1 |", "| 2 |", "| 3 |", "129, 130, 143"]) expect(doc).toContain(code);
  });
});

describe("fragments", () => {
  it("keeps the words between the run-time parts, without the quotes around them", () => {
    expect(fragments(`unknown rule "${HOLE}"${HOLE}`)).toEqual(["unknown rule"]);
    expect(fragments(`--base ${HOLE}: no such file, and ${HOLE} is not inside a git repository`)).toEqual(["no such file, and", "is not inside a git repository"]);
    expect(fragments(`${HOLE}: ${HOLE}, got ${HOLE}`)).toEqual([]);
  });

  it("compares as Markdown shows it: backticks and escaped pipes do not count", () => {
    expect(normalise("``duplicate key `<key>` ``  a \\| b")).toBe("duplicate key <key> a | b");
  });
});
