import fc from "fast-check";
import jsYaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { CORE_SCHEMA, coreScalar } from "../../src/load/coreSchema.js";
import { parseYaml } from "../../src/load/parseYaml.js";

/** The exact parser's value for a plain scalar, or undefined when it does not read `a: s` as one. */
function exactValue(s: string): { value: unknown } | undefined {
  const r = parseYaml("x.yaml", `a: ${s}\n`);
  if (!r.ok) return undefined;
  const data = r.doc.data as Record<string, unknown> | null;
  return data && Object.keys(data).length === 1 && "a" in data ? { value: data.a } : undefined;
}

// Numbers as either YAML version, or neither, writes them: a sign, a base prefix, then digits and the rest.
const NUMBER = fc
  .tuple(
    fc.constantFrom("", "+", "-"),
    fc.constantFrom("", "", "0", "0b", "0o", "0x", "0B", "0O", "0X", "."),
    fc.string({ unit: fc.constantFrom(..."0123456789012345678901234567890123456789abcdefABCDEF_.eE+-:"), maxLength: 7 }),
  )
  .map((parts) => parts.join(""))
  .filter((s) => s !== "");
// Words that are null, booleans, infinities and not-a-numbers in one version or the other, and near misses.
const WORD = fc
  .tuple(fc.constantFrom("", "+", "-", "."), fc.constantFrom("null", "Null", "NULL", "nULL", "~", "true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "yes", "no", "on", "off", "y", "n", "inf", "Inf", "INF", "iNF", "nan", "NaN", "NAN", "nAn"))
  .map((parts) => parts.join(""));
const SCALAR = fc.oneof(NUMBER, WORD);

describe("the core schema the fast readers share", () => {
  it("resolves every plain scalar as the exact parser does, and js-yaml with it does too", () => {
    fc.assert(
      fc.property(SCALAR, (s) => {
        const exact = exactValue(s);
        fc.pre(exact !== undefined);
        expect(coreScalar(s), s).toStrictEqual(exact!.value);
        expect((jsYaml.load(`a: ${s}\n`, { schema: CORE_SCHEMA }) as { a: unknown }).a, s).toStrictEqual(exact!.value);
      }),
      { seed: 20261123, numRuns: 3000 },
    );
  });
});
