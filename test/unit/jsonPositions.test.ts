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
  const found = jsonPositions(text, data);
  if (found.kind !== "positions") throw new Error(found.kind);
  const index = found.locate;
  const exact = parseYaml("x.json", text);
  if (!exact.ok) throw new Error(exact.diagnostics[0]!.message);
  let answered = 0;
  for (const p of dataPaths(data, true)) {
    const at = index(p);
    if (!at) continue;
    answered++;
    expect(at, JSON.stringify(p)).toEqual(exact.doc.locate(p));
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
  ])("%s", (_name, text) => {
    expect(agrees(text)).toBeGreaterThan(0);
  });

  it("finds a repeated key, whose first value JSON.parse dropped, wherever it is written", () => {
    const text = '{"a": {"b": 1},\n "a": {"c": 2}}';
    expect(jsonPositions(text, JSON.parse(text))).toEqual({ kind: "repeated", key: "a", at: { line: 2, column: 2 }, first: { line: 1, column: 2 } });
    for (const t of ['{"x": [{"k": 1, "k": 1}]}', '{"b": 1, "1": 2, "1": 3}', '{"b": 1, "a": 2, "b": 3}', '{"a\\u0062": 1, "ab": 2}']) {
      expect(jsonPositions(t, JSON.parse(t)).kind, t).toBe("repeated");
    }
  });

  it("declines text and data that do not match, rather than answer wrongly", () => {
    expect(jsonPositions('{"a": [1, {"b": 2}]}', { a: [1, 2] })).toEqual({ kind: "declined" });
    expect(jsonPositions('{"a": 1}', { b: 1 })).toEqual({ kind: "declined" });
  });

  it("a .json file with a repeated key is refused as the same data in YAML is, not read last-wins", () => {
    const r = readYaml("x.json", '{"apiVersion": "nhi-triage/v1",\n "identities": [{"id": "a",\n   "owner": "team-a", "owner": null}]}');
    expect(r.ok ? "read" : r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual(["3:23 duplicate key `owner` (first at line 3)"]);
  });
});
