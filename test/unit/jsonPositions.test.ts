import { readFileSync } from "node:fs";
import { join } from "node:path";
import jsYaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { jsonPositions } from "../../src/load/jsonPositions.js";
import { parseYaml } from "../../src/load/parseYaml.js";
import { readYaml } from "../../src/load/readYaml.js";
// @ts-expect-error -- the benchmark generator is plain JavaScript
import { inventoryYaml } from "../../bench/generate.mjs";
import { ROOT } from "../helpers.js";
import { dataPaths, yamlFiles } from "../tools/dataPaths.js";

/** Every position the one-pass index answers is the exact parser's; returns how many it answered. */
function agrees(text: string): number {
  const data: unknown = JSON.parse(text);
  const index = jsonPositions(text, data);
  expect(index, "declined").toBeDefined();
  const exact = parseYaml("x.json", text);
  if (!exact.ok) throw new Error(exact.diagnostics[0]!.message);
  let answered = 0;
  for (const p of dataPaths(data, true)) {
    const at = index!.locate(p);
    if (!at) continue;
    answered++;
    expect(at, JSON.stringify(p)).toEqual(exact.doc.locate(p));
    // Keys too, for the messages about unknown fields, which the exact parser answered alone.
    expect(index!.locateKey(p), `key of ${JSON.stringify(p)}`).toEqual(exact.doc.locateKey(p));
  }
  // What readYaml gives for a .json file, answered or not by the index, is the exact parser's too.
  const doc = readYaml("x.json", text);
  if (!doc.ok) throw new Error(doc.diagnostics[0]!.message);
  for (const p of dataPaths(data, true).slice(0, 400)) expect(doc.doc.locate(p), JSON.stringify(p)).toEqual(exact.doc.locate(p));
  return answered;
}

// Documents of our own, as JSON exports would write them: on one line, and indented.
const DOCS = ["fixtures", "rules"]
  .flatMap((d) => yamlFiles(join(ROOT, d)))
  .flatMap((f) => {
    try {
      const data: unknown = jsYaml.load(readFileSync(f, "utf8"), { schema: jsYaml.JSON_SCHEMA });
      return data !== null && typeof data === "object" ? [data] : [];
    } catch {
      return [];
    }
  });

describe("JSON positions in one pass", () => {
  it("answer as the exact parser does for every value of our documents, on one line and indented", () => {
    expect(DOCS.length).toBeGreaterThan(50);
    let answered = 0;
    for (const data of DOCS) answered += agrees(JSON.stringify(data)) + agrees(JSON.stringify(data, null, 2));
    expect(answered).toBeGreaterThan(5000);
  });

  it("answer for a generated inventory, whose single line would make a walk per finding quadratic", () => {
    const data: unknown = jsYaml.load(inventoryYaml(200, 42, { mix: "stress" }) as string, { schema: jsYaml.CORE_SCHEMA });
    expect(agrees(JSON.stringify(data))).toBeGreaterThan(2000);
  });

  it.each([
    ["integer-like keys, which objects list first", '{"b": {"x": 1}, "2": {"y": [1, {"z": 2}]}, "1": 3}'],
    ["escaped keys and strings", '{"a\\u0062": {"c\\"d": "e\\\\f", "g": ["h\\n", {"i": null}]}}'],
    ["empty containers and odd spacing", '{ "a" : [ ] ,\r\n\t"b":{},"c":[ {} , [ ] ] , "d" : -1.5e3 }'],
    ["a list at the top", '[{"a": 1}, [2, {"b": true}], "c"]'],
    ["keys with quotes and backslashes before their colon", '{"a\\\\": {"\\"b\\"" : [1, "x\\\\", {"c\\\\\\"": 2}]}, "": {"": []}}'],
  ])("%s", (_name, text) => {
    expect(agrees(text)).toBeGreaterThan(0);
  });

  it("finds a repeated key, whose first value JSON.parse dropped, wherever it is written", () => {
    for (const t of ['{"a": {"b": 1},\n "a": {"c": 2}}', '{"x": [{"k": 1, "k": 1}]}', '{"b": 1, "1": 2, "1": 3}', '{"b": 1, "a": 2, "b": 3}', '{"a\\u0062": 1, "ab": 2}']) {
      expect(jsonPositions(t, JSON.parse(t)), t).toBeUndefined();
      const got = readYaml("x.json", t);
      expect(got.ok ? "read" : got.diagnostics[0]!.message, t).toMatch(/^duplicate key/);
    }
  });

  it("answers paths into lists of scalars, recorded when first asked, and unknown paths with their nearest ancestor", () => {
    const text = '{"ids": ["a", "b\\"c", 3, null, true], "n": {"m": []}}';
    const index = jsonPositions(text, JSON.parse(text))!;
    const exact = parseYaml("x.json", text);
    if (!exact.ok) throw new Error("the exact parser refused the text");
    expect(index.locate(["ids", 4])).toEqual({ line: 1, column: 32 });
    for (const p of [["ids", 4], ["ids", 1], ["ids", 9], ["ids", 0, "x"], ["n", "m"], ["n", "zz"], ["zz"]]) {
      expect(index.locate(p), JSON.stringify(p)).toEqual(exact.doc.locate(p));
      expect(index.locateKey(p), JSON.stringify(p)).toEqual(exact.doc.locateKey(p));
    }
  });

  it("a repeated key makes readYaml refuse a .json file with the exact parser's words, without the exact parser", () => {
    for (const text of ['{"a": 1, "b": {"x": [1], "x": 2}, "a": {"y": 1}}', '{\n  "k": 1,\n  "k\\u0000": 1,\n  "k": 2\n}', '[{"a": 1}, {"b": 1, "b": 1}]']) {
      const got = readYaml("x.json", text);
      const exact = parseYaml("x.json", text);
      expect(got.ok).toBe(false);
      expect(got.ok ? [] : got.diagnostics).toEqual(exact.ok ? [] : exact.diagnostics);
    }
  });

  it("declines text and data that do not match, rather than answer wrongly", () => {
    expect(jsonPositions('{"a": [1, {"b": 2}]}', { a: [1, 2] })).toBeUndefined();
    expect(jsonPositions('{"a": 1}', { b: 1 })).toBeUndefined();
  });

  it("a .json file with a repeated key is refused as the same data in YAML is, not read last-wins", () => {
    const r = readYaml("x.json", '{"apiVersion": "nhi-triage/v1",\n "identities": [{"id": "a",\n   "owner": "team-a", "owner": null}]}');
    expect(r.ok ? "read" : r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual(["3:23 duplicate key `owner` (first at line 3)"]);
  });
});
