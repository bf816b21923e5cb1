import type { Condition, FactTest, Operator } from "../load/schema/rules.js";

type Scalar = string | number | boolean;

const value = (v: Scalar) => String(v);
const list = (vs: readonly Scalar[]) => vs.map(value).join(", ");

/**
 * Each operator in words. The unknown-is-not-safe operators say so, because a reader who
 * takes `notEquals true` for "is false" will expect silence on an inventory that says nothing.
 */
const PHRASES: { [O in Operator]-?: (fact: string, v: NonNullable<FactTest[O]>) => string } = {
  equals: (f, v) => `${f} is ${value(v)}`,
  notEquals: (f, v) => `${f} is not proven ${value(v)} (notEquals ${value(v)}: also holds when unknown)`,
  in: (f, v) => `${f} is one of ${list(v)}`,
  gt: (f, v) => `${f} > ${v}`,
  gte: (f, v) => `${f} >= ${v}`,
  lt: (f, v) => `${f} < ${v}`,
  lte: (f, v) => `${f} <= ${v}`,
  present: (f, v) => (v ? `${f} is recorded` : `${f} is not recorded (unknown)`),
  includes: (f, v) => `${f} includes ${v}`,
  includesAny: (f, v) => `${f} includes any of ${v.join(", ")}`,
  excludes: (f, v) => `${f} is not proven to include ${v} (excludes ${v}: also holds when unknown)`,
};

function factTest(t: FactTest): string {
  // Validated packs hold exactly one operator; the order of PHRASES decides otherwise.
  for (const op of Object.keys(PHRASES) as Operator[]) {
    const v = t[op];
    if (v !== undefined) return (PHRASES[op] as (f: string, v: unknown) => string)(t.fact, v);
  }
  return `${t.fact} (no operator)`;
}

function group(c: Extract<Condition, { all: unknown } | { any: unknown } | { not: unknown }>): { head: string; items: Condition[] } {
  if ("all" in c) return { head: "all of:", items: c.all };
  if ("any" in c) return { head: "any of:", items: c.any };
  return { head: "not:", items: [c.not] };
}

function render(c: Condition, indent: string): string[] {
  if ("symptom" in c) return [`${indent}symptom ${c.symptom}`];
  if ("fact" in c) return [indent + factTest(c)];
  const g = group(c);
  return [indent + g.head, ...g.items.flatMap((item) => bullet(item, indent))];
}

function bullet(c: Condition, indent: string): string[] {
  // A nested group's own items sit two columns in, under the text after its "- ".
  const [first, ...rest] = render(c, `${indent}  `);
  return [`${indent}- ${first!.slice(indent.length + 2)}`, ...rest];
}

/**
 * A condition as readable lines: groups as "all of:", "any of:", "not:" followed by "- "
 * items, nested groups indented two columns. Plain text, so it reads the same in a
 * terminal and inside a Markdown code block.
 */
export function renderCondition(c: Condition): string[] {
  return render(c, "");
}
