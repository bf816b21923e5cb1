import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { readBlockYaml } from "../../src/load/blockYaml.js";
import { parseYaml } from "../../src/load/parseYaml.js";
// @ts-expect-error -- the benchmark generator is plain JavaScript
import { inventoryYaml } from "../../bench/generate.mjs";
import { ROOT } from "../helpers.js";
import { dataPaths, yamlFiles } from "../tools/dataPaths.js";

/** Same data as the exact parser, and every position it answers is the exact parser's. */
function agrees(text: string): "read" | "declined" {
  const block = readBlockYaml(text);
  if (!block) return "declined";
  const exact = parseYaml("x.yaml", text);
  if (!exact.ok) throw new Error(`the one-pass reader read a file the exact parser refuses: ${exact.diagnostics[0]!.message}`);
  expect(block.data).toStrictEqual(exact.doc.data);
  for (const p of dataPaths(block.data, true)) {
    const at = block.locate(p);
    if (at) expect(at, JSON.stringify(p)).toEqual(exact.doc.locate(p));
  }
  return "read";
}

const FILES = ["fixtures", "rules", "templates"].flatMap((d) => yamlFiles(join(ROOT, d)));

describe("the one-pass block reader", () => {
  it("reads most of our own files, each exactly as js-yaml and the exact parser do, and declines the rest", () => {
    const outcome = FILES.map((f) => [relative(ROOT, f), agrees(readFileSync(f, "utf8"))] as const);
    const read = outcome.filter(([, o]) => o === "read").length;
    // Incidents with block scalars (`description: >`) and the invalid fixtures are declined.
    expect(read).toBeGreaterThan(100);
    expect(outcome.find(([f]) => f === "fixtures/inventory.yaml")?.[1]).toBe("read");
  });

  it("reads a generated inventory and locates every value as the exact parser does", () => {
    expect(agrees(inventoryYaml(300, 42, { mix: "stress" }) as string)).toBe("read");
  });

  const read: Record<string, string> = {
    "compact sequences at the key's indentation": "a:\n- x\n- y: 1\n  z: [2, 3]\nb: 4\n",
    "comments, blank lines and quoted keys": "# top\n\n\"a b\": 1   # c\n'c''d':\n\n  - { e: f, 'g': [h, \"i\"] }\nlast:\n",
    "scalars of every core type": "a: [~, null, true, False, 0x1F, 0o17, -12, +3, 1.5e3, .inf, -.Inf, .nan, 2026-01-01, '1', \"\\u00e9\", yes, no, on]\n",
    // YAML 1.1 forms js-yaml reads as numbers; the core schema (and the exact parser) reads them as text.
    "numbers only YAML 1.1 reads, which are text": "a: [0b101, -0x1F, +0x1F, +0o17, -0o17, 1_000, 0x_1F, 1:20, 0B1, 0X1F, 0O17]\nretries: 0b11\n",
    "the core schema's edge numbers": "a: [012, -0, +0, .5, -.5, 1., 1e3, 1E-3, .5e1, +.inf, .NaN, 12345678901234567890, 0o, 0x, 1.e3]\n",
    "a value on the line below its key": "a:\n  plain\nb: 1\n",
    "empty flow collections and dashes alone": "a: []\nb: {}\nc:\n  -\n  - x\n",
    "CRLF line ends": "a: 1\r\nb:\r\n  - c\r\n  - d: e\r\n",
    "a scalar document": "just text\n",
    "colons and hashes inside scalars": "url: http://x.example/a#b\nt: a:b\nq: \"a: b # c\"\n",
    "repeated values, quoted and plain, with and without escapes": "a: [team-1, \"team-1\", 'team-1', \"te\\u0061m-1\", 'it''s', \"it's\", \"say \\\"hi\\\"\", team-1]\nb: { team-1: 1, \"team-2\": team-1 }\nteam-1: team-1\n",
  };
  it.each(Object.entries(read))("%s: read as the exact parser does", (_name, text) => {
    expect(agrees(text)).toBe("read");
  });

  const declined: Record<string, string> = {
    "block scalars": "a: |\n  one\n",
    "multi-line plain scalars": "a: one\n  two\n",
    "multi-line flow collections": "a: [1,\n  2]\n",
    "anchors and aliases": "a: &x 1\nb: *x\n",
    "tags": "a: !!str 1\n",
    "tabs": "a:\t1\n",
    "a byte order mark": "\uFEFFa: 1\n",
    "duplicate keys": "a: 1\na: 2\n",
    "prototype keys": "__proto__: 1\n",
    "merge keys": "<<: 1\n",
    "numeric keys, whose property order differs": "1: a\n2: b\n",
    "document markers": "---\na: 1\n",
    "a colon and space inside a plain value": "a: b: c\n",
    "nested sequences on one line": "- - a\n",
    "YAML-only escapes": "a: \"\\x41\"\n",
    "a lone carriage return": "a: 1\rb: 2\n",
    "control characters": "a: \u0001\n",
    "a trailing comma in a flow collection": "a: [1, 2, ]\n",
    // `-` before a flow indicator starts no plain scalar: `[-]` is invalid YAML, not ["-"].
    "a dash before a flow indicator": "a: [-]\n",
    "a dash before a flow mapping's end": "a: {b: -}\n",
    "a question mark before a comma": "a: [?, b]\n",
    "an entry that is not indented consistently": "a:\n  b: 1\n   c: 2\n",
    "constructor keys": "a:\n  constructor: 1\n",
    "prototype keys in flow": "a: {prototype: 1}\n",
    "deep block nesting": Array.from({ length: 70 }, (_, i) => `${" ".repeat(i)}k:`).join("\n") + " 1\n",
    "deep flow nesting": `a: ${"[".repeat(70)}${"]".repeat(70)}\n`,
    "nesting deep enough to exhaust the stack": `a: ${"[".repeat(20000)}${"]".repeat(20000)}\n`,
  };
  it.each(Object.entries(declined))("%s: declined, left to the general path", (_name, text) => {
    expect(readBlockYaml(text)).toBeUndefined();
  });
});
