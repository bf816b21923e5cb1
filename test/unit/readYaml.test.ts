import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import jsYaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { fastLocator } from "../../src/load/fastLocate.js";
import { parseYaml } from "../../src/load/parseYaml.js";
import { readYaml } from "../../src/load/readYaml.js";
import { ROOT } from "../helpers.js";
import { dataPaths, yamlFiles } from "../tools/dataPaths.js";

/** One document per file, as every kind but a Kubernetes manifest is (those are read a document at a time). */
const FILES = ["fixtures", "rules", "templates"]
  .flatMap((d) => yamlFiles(join(ROOT, d)))
  .filter((f) => !f.includes("/invalid/") && !f.includes("/broken-packs/") && !/\n---[ \t]*\r?\n/.test(readFileSync(f, "utf8")));

describe("the fast YAML path reads every fixture as the exact parser does", () => {
  it("covers the fixtures, rules and templates", () => {
    expect(FILES.length).toBeGreaterThan(150);
  });

  it.each(FILES.map((f) => [relative(ROOT, f), f]))("%s: same data, and the same position for every path it answers", (_name, file) => {
    const text = readFileSync(file, "utf8");
    const exact = parseYaml(file, text);
    if (!exact.ok) throw new Error(exact.diagnostics[0]!.message);
    const data = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) ?? null;
    expect(data).toEqual(exact.doc.data);
    const locate = fastLocator(text);
    const all = dataPaths(data);
    const answered = all.filter((p) => {
      const fast = locate(p, data);
      if (fast) expect(fast, JSON.stringify(p)).toEqual(exact.doc.locate(p));
      return fast !== undefined;
    });
    // The walk should be sure of (nearly) everything our own files contain.
    expect(answered.length / all.length).toBeGreaterThan(0.98);
  });
});

describe("JSON takes the same walk", () => {
  it.each(["fixtures/inventory.yaml", "fixtures/gate/head.yaml", "fixtures/incidents/inc-09-support-agent-tool-chaining.yaml"])("%s as JSON: every path located as the exact parser does", (file) => {
    const data = jsYaml.load(readFileSync(join(ROOT, file), "utf8"), { schema: jsYaml.CORE_SCHEMA });
    for (const text of [JSON.stringify(data, null, 2), JSON.stringify(data)]) {
      const exact = parseYaml("x.json", text);
      if (!exact.ok) throw new Error("json did not parse");
      const locate = fastLocator(text);
      for (const p of dataPaths(data)) expect(locate(p, data), JSON.stringify(p)).toEqual(exact.doc.locate(p));
    }
  });
});

describe("the walk on styles our fixtures do not use", () => {
  const cases: Record<string, string> = {
    "compact sequences at the key's indentation": "a:\n- x\n- y: 1\n  z: [2, 3]\nb: 4\n",
    "comments, blank lines and quoted keys": "# top\n\n\"a b\": 1   # c\n'c''d':\n\n  - { e: f, 'g': [h, \"i\"] }\nlast:\n",
    "block scalars and multi-line plain scalars": "a: |\n  one\n  two\nb: >-\n  three\nc:\n  plain\n  folded\nd: 1\n",
    "nested sequences and empty values": "- - a\n  - b\n- \n- {}\n- []\n- c:\n",
    "multi-line flow collections": "a: {\n  b: 1,\n  c: [\n    2, 3\n  ]\n}\nd: 5\n",
    "CRLF line ends": "a: 1\r\nb:\r\n  - c\r\n  - d: e\r\n",
  };
  it.each(Object.entries(cases))("%s: located as the exact parser does, or left to it", (_name, text) => {
    const exact = parseYaml("x.yaml", text);
    if (!exact.ok) throw new Error(exact.diagnostics[0]!.message);
    const data = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) ?? null;
    expect(data).toEqual(exact.doc.data);
    const locate = fastLocator(text);
    for (const p of dataPaths(data)) {
      const fast = locate(p, data);
      if (fast) expect(fast, JSON.stringify(p)).toEqual(exact.doc.locate(p));
    }
  });
});

describe("plain scalars mean what the exact parser says, on every path", () => {
  // YAML 1.1's forms (binary, signed hex and octal, underscores, sexagesimal) are text in
  // the core schema; js-yaml's own core schema reads them as numbers.
  const SCALARS = ["0b101", "-0x1F", "+0x1F", "+0o17", "-0o17", "0o17", "0x1F", "1_000", "0x_1F", "1:20", "012", "-0", ".5", "1.", "1e3", "1.e3", "+.inf", ".NaN", "~", "Null", "TRUE", "yes", "12345678901234567890"];
  it.each(SCALARS)("%s", (scalar) => {
    const exact = parseYaml("x.yaml", `a: ${scalar}\n`);
    if (!exact.ok) throw new Error(exact.diagnostics[0]!.message);
    const expected = (exact.doc.data as { a: unknown }).a;
    // Block style (the one-pass reader), after a block scalar (js-yaml), in a flow list, on the exact path.
    const layouts: Array<[string, (d: Record<string, unknown>) => unknown]> = [
      [`a: ${scalar}\n`, (d) => d.a],
      [`d: |\n  text\na: ${scalar}\n`, (d) => d.a],
      [`d: >\n  text\na: [${scalar}]\n`, (d) => (d.a as unknown[])[0]],
      [`d: &x 1\na: ${scalar}\n`, (d) => d.a],
    ];
    for (const [text, pick] of layouts) {
      const r = readYaml("x.yaml", text);
      if (!r.ok) throw new Error(r.diagnostics[0]!.message);
      expect(pick(r.doc.data as Record<string, unknown>), JSON.stringify(text)).toStrictEqual(expected);
    }
  });
});
