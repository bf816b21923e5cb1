import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exactOnly } from "../../src/load/exactOnly.js";
import { agreement } from "../tools/agreement.js";
import { yamlDocument } from "../tools/yamlGenerator.js";

/**
 * Each reader path (block reader, js-yaml, JSON.parse, exact parser) on constructs where
 * js-yaml and the exact parser used to part: the same data as the exact parser, or a
 * refusal at the place named.
 */
function expectRefused(file: string, text: string, first: RegExp): void {
  const a = agreement(file, text);
  expect(a.kind === "refused" ? a.first : a, JSON.stringify(text)).toMatch(first);
}
function expectAgreed(file: string, text: string): void {
  const a = agreement(file, text);
  expect(a.kind === "agreed" ? "agreed" : a, JSON.stringify(text)).toBe("agreed");
}

const COLLECTION_KEY = /a list or mapping cannot be a key: a key is a name; write it as text$/;
const NULL_KEY = /an empty or null key \(~, null\) names nothing: write a name, or quote it \("null"\)$/;

describe("keys", () => {
  it.each([
    ["a flow list as a key", "[flow]: block\n", "1:1", COLLECTION_KEY],
    ["a flow mapping as a key", "{ first: Sammy, last: Sosa }:\n  hr: 65\n", "1:1", COLLECTION_KEY],
    ["an explicit list key", "? - a\n  - b\n: c\n", "1:3", COLLECTION_KEY],
    ["an explicit flow key", "a: 1\n? [b, c]\n: d\n", "2:3", COLLECTION_KEY],
    ["a mapping key inside a flow list", "- [ {JSON: like}:adjacent ]\n", "1:5", COLLECTION_KEY],
    ["an alias of a list as a key", "x: &k [1]\n*k : 2\n", "2:1", COLLECTION_KEY],
    ["a null key (~)", "a: 1\n~: x\n", "2:1", NULL_KEY],
    ["a null key (null)", "a: 1\nnull: x\n", "2:1", NULL_KEY],
    ["a null key (NULL in flow)", "a: { NULL: x }\n", "1:6", NULL_KEY],
    ["an empty key in a flow list", "- [ : empty key ]\n", "1:4", NULL_KEY],
    ["an empty key in a block mapping", "a: 1\n: x\n", "2:1", NULL_KEY],
    ["an explicit empty key", "a: 1\n?\n: x\n", "2:2", NULL_KEY],
  ])("%s is refused", (_name, text, at, message) => {
    expectRefused("x.yaml", text, new RegExp(`^${at} ${message.source}`));
  });

  it.each([
    ["1 and \"1\"", "1: a\n\"1\": b\n", "2:1 duplicate key `1` \\(first at line 1\\)"],
    ["true and \"true\"", "true: a\n'true': b\n", "2:1 duplicate key `true` \\(first at line 1\\)"],
    ["1.0 and 1", "x:\n  1.0: a\n  1: b\n", "3:3 duplicate key `1` \\(first at line 2\\)"],
    ["a key and an alias of it", "&k a: 1\n*k : 2\n", "2:1 duplicate key `a` \\(first at line 1\\)"],
  ])("two keys that name one property (%s) are a duplicate, not last-wins", (_name, text, first) => {
    expectRefused("x.yaml", text, new RegExp(`^${first}$`));
  });

  it("keys that are numbers or booleans, or quoted null, are read as the exact parser reads them", () => {
    for (const text of ["1: a\n2: b\n", "true: a\nfalse: b\n", "0x1F: a\n1e3: b\n", '"null": a\n\'~\': b\n', "x: { 1: a, 2.5: b }\n"]) expectAgreed("x.yaml", text);
  });
});

describe("what js-yaml let through", () => {
  it.each([
    ["a mapping on the --- line", "--- key1: value1\n    key2: value2\n", /^1:\d+ invalid YAML/],
    ["an unknown directive", "%FOO bar\n---\na: 1\n", /^1:1 invalid YAML: /],
    ["an unsupported version", "%YAML 1.3\n---\na: 1\n", /^1:7 invalid YAML: Unsupported YAML version 1\.3$/],
    ["a comment stuck to a quoted value", 'key: "value"# comment\n', /^1:13 invalid YAML/],
    ["a comment stuck to a flow list", "[ a, b, c, ]#invalid\n", /^1:13 invalid YAML/],
    ["a comment stuck to a comma", "[ a, b, c,#invalid\n]\n", /^1:11 invalid YAML/],
    ["a tab before a quoted line", 'foo: "bar\n\tbaz"\n', /^1:10 invalid YAML/],
    ["a tab as a block scalar's indentation", "foo: |\n\t\nbar: 1\n", /^2:1 invalid YAML/],
    ["a tab indenting a flow list", "- [\n\tfoo,\n foo\n ]\n", /^2:2 invalid YAML/],
    ["! alone on an empty node", "!\n", /^1:1 tag `!` is not allowed/],
    // Lines that go on a quoted value or flow collection must be indented past the block around it.
    ["a flow list going on at column 0", "---\nflow: [a,\nb,\nc]\n", /^3:1 invalid YAML/],
    ["a quoted value going on at column 0", '---\nquoted: "a\nb\nc"\n', /^2:11 invalid YAML/],
    ["a flow mapping in a list going on under its dash", "- a: {b: 1,\n c: 2}\n", /^\d+:\d+ invalid YAML/],
    ["a %YAML directive given twice", "%YAML 1.2\n%YAML 1.2\n---\na: 1\n", /^2:1 invalid YAML: a second %YAML directive; a document has at most one$/],
    ["a block scalar's first lines more indented than its content", "empty block scalar: >\n \n  \n   \n # comment\n", /^\d+:\d+ invalid YAML/],
    ["a document whose first entries are indented past later ones", "    - \n  - {}\n", /^\d+:\d+ invalid YAML/],
    ["a comment right after a flow indicator", "x: {#c: -0}\n", /^1:5 invalid YAML/],
    // The exact parser itself misreads these (a key "x b"; one value "x - y"): refused with plain words.
    ["a #comment between a key and its value below", "a:\n#c\n  x\nb: 1\n", /^2:1 write a space after this #/],
    ["a #comment between a dash and its value below", "-\n#c\n  x\n- y\n", /^2:1 write a space after this #/],
  ])("%s is refused", (_name, text, first) => {
    expectRefused("x.yaml", text, first);
  });

  it.each([
    // Not a marker: `---word1` is text, "---word1 word2" (js-yaml read "word1 word2").
    ["a word right after ---", "---word1\nword2\n"],
    ["--- with a comment", "--- # a comment\na: 1\n"],
    ["--- and ... around a document", "---\na: 1\n...\n"],
    ["%YAML 1.2", "%YAML 1.2\n---\na: 1\n"],
    // Read by js-yaml, not handed to the exact parser: a large inventory may start so.
    ["%YAML 1.1, read as YAML 1.2 all the same", "%YAML 1.1 # old\n---\na: yes\nb: 0o17\nc: |\n  text\n"],
    ["a hash inside a plain value", "a: b#c\nd: 'e'  # f\n"],
    ["tabs after the indentation", "a:\t1\nb: [c,\td]\n"],
    ["a block scalar with its trailing spaces", "a: |\n  one  \n\n  two\nb: 1\n"],
    ["a flow list indented past its key", "flow: [a,\n  b,\n  c]\nnext: 1\n"],
    ["a quoted value indented past its key", 'quoted: "a\n  b"\nnext: 1\n'],
    ["a document that is one flow mapping", '{\n"a": [1,\n2],\n"b": {"c": "d"}\n}\n'],
    ["a flow list in a list entry", "- name: x\n  tools: [a,\n    b]\n"],
    ["a multi-line flow list of mappings", "a:\n  - {b: 1,\n     c: 2}\n"],
    ["a #comment before a mapping or list below a key", "a:\n#c\n  b: 1\nids:\n#- id: old\n  - id: a\n"],
    ["a # comment before a value below its key", "a:\n# c\n  x\nb: 1\n"],
    // js-yaml took the next, less indented entry into the empty one's list: [[null, -0]] for [[null], -0].
    ["an empty entry of an inner list, then an outer entry", "- -\n- -0\n"],
    // js-yaml read "" for the exact parser's "#c \"e\"\n".
    ["a document that is a block scalar with lines left of it", '  |\n#c "e"\n'],
  ])("%s is read as the exact parser reads it", (_name, text) => {
    expectAgreed("x.yaml", text);
  });
});

describe("generated documents", () => {
  it("3000 documents in every style, most of them broken: none read otherwise than the exact parser reads it", () => {
    let agreed = 0;
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const text = yamlDocument(seed);
        const a = agreement("x.yaml", text);
        expect(a.kind === "silent" ? a.why : "no silent difference", JSON.stringify(text)).toBe("no silent difference");
        if (a.kind === "agreed") agreed++;
      }),
      { seed: 42, numRuns: 3000 },
    );
    // Enough are valid that the agreement is tested, not only the refusals.
    expect(agreed).toBeGreaterThan(500);
  });
});

describe("what stays on the fast path", () => {
  // The exact parser needs many times js-yaml's time and memory: a 100k-identity inventory
  // it cannot read at all. A header a large inventory may carry keeps it on js-yaml.
  it("a single %YAML 1.1 or 1.2 line, and a --- with a comment, do not send a file to the exact parser", () => {
    for (const text of ["%YAML 1.2\n---\na: |\n  b\n", "%YAML 1.1 # old\n---\na: 1\n", "--- # inventory\na: |\n  b\n"]) expect(exactOnly(text), text).toBe(false);
    for (const text of ["%YAML 1.2\n%YAML 1.2\n---\n", "%YAML 1.3\n---\n", "%TAG !e! tag:x,1:\n---\n"]) expect(exactOnly(text), text).toBe(true);
  });
});
