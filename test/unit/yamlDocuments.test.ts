import { describe, expect, it } from "vitest";
import { readYamlDocuments } from "../../src/load/yamlDocuments.js";

const docs = (text: string, file = "m.yaml") => {
  const r = readYamlDocuments(file, text);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join("\n"));
  return r.docs;
};

describe("readYamlDocuments", () => {
  it("reads each document with positions counted in the whole file", () => {
    const text = "# head\na: 1\n---\nb:\n  c: 2\n--- # third\n\nd: [x, y]\n";
    const [a, b, d] = docs(text);
    expect([a!.data, b!.data, d!.data]).toEqual([{ a: 1 }, { b: { c: 2 } }, { d: ["x", "y"] }]);
    expect(b!.locate(["b", "c"])).toEqual({ line: 5, column: 6 });
    expect(d!.locate(["d", 1])).toEqual({ line: 8, column: 8 });
    expect(d!.locateKey(["d"])).toEqual({ line: 8, column: 1 });
  });

  it("leaves out documents that hold nothing, and ends a document at ...", () => {
    const text = "---\n# only a comment\n---\n---\na: 1\n...\n---\nb: 2\r\n";
    expect(docs(text).map((d) => d.data)).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it("does not take --- inside a line, or ---x, for a marker", () => {
    expect(docs("a: ---\nb: ---x\n").map((d) => d.data)).toEqual([{ a: "---", b: "---x" }]);
  });

  it("reports a syntax error at its line in the whole file, and every broken document", () => {
    const r = readYamlDocuments("m.yaml", "a: 1\n---\nb: [\n---\nc: 3\n---\nd: e: f\n");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.map((d) => d.line)).toEqual([4, 7]);
  });

  it("reads a .json file as one document", () => {
    const [d] = docs('{\n  "kind": "List",\n  "items": [\n    {"a": 1}\n  ]\n}\n', "k.json");
    expect(d!.locate(["items", 0, "a"])).toEqual({ line: 4, column: 11 });
  });
});
