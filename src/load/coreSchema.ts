import jsYaml from "js-yaml";

/**
 * YAML 1.2's core schema exactly as the `yaml` package resolves it (its core/int, float,
 * bool and null tags: the same tests, in the same order, with the same conversions).
 * js-yaml's own core schema also reads `0b101`, `-0x1F`, `+0o17` and `1_000` as numbers,
 * which the exact parser reads as text: `retries: 0b11` would fire a rule on one path and
 * be a type error on the other. Every fast reader resolves plain scalars with this instead.
 */
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** Only these can start a plain scalar that is not a string. */
const MAYBE_TYPED = new Uint8Array(128);
for (const c of "~nNtTfF-+.0123456789") MAYBE_TYPED[c.charCodeAt(0)] = 1;

/** Every value the tests below can match, in one test: most scalars that start like a number (dates, durations, team-3) fail it at once. */
const ANY_TYPED = /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)?$/;

const maybeTyped = (s: string) => {
  const c = s.charCodeAt(0);
  return !(c < 128 && MAYBE_TYPED[c] === 0) && ANY_TYPED.test(s);
};
const isNull = (s: string) => NULL.test(s);
const isBool = (s: string) => BOOL.test(s);
const isInt = (s: string) => INT_OCT.test(s) || INT.test(s) || INT_HEX.test(s);
const isFloat = (s: string) => FLOAT_NAN.test(s) || FLOAT_EXP.test(s) || FLOAT.test(s);

function toInt(s: string): number {
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  return parseInt(s.substring(2), 16);
}

function toFloat(s: string): number {
  if (!FLOAT_NAN.test(s)) return parseFloat(s);
  return s.slice(-3).toLowerCase() === "nan" ? NaN : s[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

/** In the exact parser's order: the first whose test matches gives the value. */
const RESOLVERS: ReadonlyArray<readonly [name: string, test: (s: string) => boolean, construct: (s: string) => unknown]> = [
  ["null", isNull, () => null],
  ["bool", isBool, (s) => s[0] === "t" || s[0] === "T"],
  ["int", isInt, toInt],
  ["float", isFloat, toFloat],
];

/** The value of a plain (unquoted, untagged) scalar: itself when it is a string. */
export function coreScalar(s: string): unknown {
  if (!maybeTyped(s)) return s;
  for (const [, test, construct] of RESOLVERS) if (test(s)) return construct(s);
  return s;
}

/**
 * js-yaml resolving plain scalars the same way. Tagged nodes never reach js-yaml's reading:
 * readYaml leaves every file with a tag to the exact parser.
 */
export const CORE_SCHEMA = jsYaml.FAILSAFE_SCHEMA.extend({
  implicit: RESOLVERS.map(([name, test, construct]) => new jsYaml.Type(`tag:yaml.org,2002:${name}`, { kind: "scalar", resolve: (s: unknown) => typeof s === "string" && maybeTyped(s) && test(s), construct })),
});
