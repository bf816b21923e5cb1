import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadBaseText } from "../../src/cli/loadBase.js";
import { InputError } from "../../src/load/diagnostic.js";
import { loadAnswers } from "../../src/load/loadAnswers.js";
import { loadConfig } from "../../src/load/loadConfig.js";
import { loadIncident } from "../../src/load/loadIncident.js";
import { loadInventory } from "../../src/load/loadInventory.js";
import { loadWaivers } from "../../src/load/loadWaivers.js";
import { parseYaml } from "../../src/load/parseYaml.js";
import { readYaml } from "../../src/load/readYaml.js";
import { builtinPack, extraPackProblems, problems, tempDir } from "../helpers.js";

const NOT_ALLOWED = "is not allowed: a file holds plain data, and the only tags are the core schema's !!str, !!int, !!float, !!bool, !!null, !!map and !!seq";

/** Tags a file may not carry, each on a value it would otherwise build. */
const REFUSED: Array<[tag: string, value: string]> = [
  ["!!omap", "!!omap [type: static-secret, storage: source-code]"],
  ["!!set", "!!set { a, b }"],
  ["!!binary", "!!binary aGVsbG8="],
  ["!!timestamp", "!!timestamp 2026-01-01"],
  ["!!pairs", "!!pairs [a: 1, a: 2]"],
  ["!!js/function", "!!js/function 'function () {}'"],
  ["!foo", "!foo bar"],
  ["!<tag:yaml.org,2002:str>", "!<tag:yaml.org,2002:str> 1"],
  ["!<tag:example.com,2000:x>", "!<tag:example.com,2000:x> 1"],
  ["!", "! 1"],
];

/**
 * The same tag at line 3, column 4, as each reader meets it: block style (the one-pass
 * reader's subset), after a block scalar (js-yaml's), beside an anchor (the exact parser's
 * alone), inside a flow mapping, in a list, and in a `.json` file that JSON.parse refuses.
 */
function layouts(value: string): Array<[file: string, text: string, line: number, column: number]> {
  return [
    ["x.yaml", `a: 1\nb: [c]\nx: ${value}\n`, 3, 4],
    ["x.yaml", `a: |\n  text\nx: ${value}\n`, 3, 4],
    ["x.yaml", `a: &n 1\nb: *n\nx: ${value}\n`, 3, 4],
    ["x.yaml", `a: 1\nb: 2\nx: { y: ${value} }\n`, 3, 9],
    ["x.yaml", `- 1\n- 2\n- ${value}\n`, 3, 3],
    ["x.json", `{"a": 1,\n "b": 2,\n "x": ${value}}\n`, 3, 7],
  ];
}

const where = (r: ReturnType<typeof readYaml>) => (r.ok ? "read" : r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`));

describe("tags, on every reader path", () => {
  it.each(REFUSED)("%s is refused where it is written", (tag, value) => {
    for (const [file, text, line, column] of layouts(value)) {
      expect(where(readYaml(file, text)), `${file}: ${JSON.stringify(text)}`).toEqual([`${line}:${column} tag \`${tag}\` ${NOT_ALLOWED}`]);
      expect(where(parseYaml(file, text))).toEqual([`${line}:${column} tag \`${tag}\` ${NOT_ALLOWED}`]);
    }
  });

  it("a tag on a key, at the root, on an empty node and after a named handle is refused too", () => {
    const cases: Array<[string, string]> = [
      ["a: 1\n!foo b: 2\n", `2:1 tag \`!foo\` ${NOT_ALLOWED}`],
      ["!!omap\n- a: 1\n", `1:1 tag \`!!omap\` ${NOT_ALLOWED}`],
      ["!\n", `1:1 tag \`!\` ${NOT_ALLOWED}`],
      ["a: !\n", `1:4 tag \`!\` ${NOT_ALLOWED}`],
      ["%TAG !e! tag:yaml.org,2002:\n---\na: !e!str 1\n", `3:4 tag \`!e!str\` ${NOT_ALLOWED}`],
      // The standard handle pointed elsewhere: `!!str` no longer names the core schema's str.
      ["%TAG !! tag:example.com,2000:\n---\na: !!str 1\n", `3:4 tag \`!!str\` ${NOT_ALLOWED}`],
    ];
    for (const [text, message] of cases) expect(where(readYaml("x.yaml", text)), text).toEqual([message]);
  });

  it("!!merge is a tag like any other: refused, so `<<` cannot merge behind the ban on merge keys", () => {
    const text = "base: { x: 1 }\nentry:\n  !!merge <<: { y: 2 }\n";
    expect(where(readYaml("x.yaml", text))).toEqual([`3:3 tag \`!!merge\` ${NOT_ALLOWED}`]);
    expect(where(readYaml("x.yaml", "a: &b { x: 1 }\nc:\n  !!merge <<: *b\n"))).toEqual([`3:3 tag \`!!merge\` ${NOT_ALLOWED}`]);
  });

  it("the core schema's own tags are read, with the exact parser's meaning", () => {
    const text = "a: !!str 1\nb: !!int \"12\"\nc: !!null ''\nd: !!map { e: 1 }\nf: !!seq [g]\nh: !!bool true\ni: !!float 1.5\n";
    expect(where(readYaml("x.yaml", text))).toBe("read");
    const r = readYaml("x.yaml", text);
    if (r.ok) expect(r.doc.data).toStrictEqual({ a: "1", b: 12, c: null, d: { e: 1 }, f: ["g"], h: true, i: 1.5 });
  });

  it("a core tag on a value it does not fit is refused, with its own words", () => {
    for (const [text, tag] of [["a: !!int abc\n", "!!int"], ["a: !!float 1\n", "!!float"], ["a: !!str { b: 1 }\n", "!!str"], ["a: !!map [1]\n", "!!map"]]) {
      expect(where(readYaml("x.yaml", text!)), text).toEqual([`1:4 tag \`${tag}\` does not fit the value it is on; remove the tag, or write a value of that type`]);
    }
  });
});

const HEAD = "apiVersion: nhi-triage/v1\n";

describe("tags, through every loader", () => {
  it("an inventory whose credential is an !!omap is refused, not read as an empty credential (gate head and base)", () => {
    const text = `${HEAD}kind: Inventory\nidentities:\n  - id: svc-a\n    kind: service-account\n    credential: !!omap [type: static-secret, storage: source-code]\n`;
    const expected = [`6:17 tag \`!!omap\` ${NOT_ALLOWED}`];
    expect(problems(() => loadInventory("head.yaml", text))).toEqual(expected);
    const base = loadBaseText("base.yaml", text);
    expect(base.kind === "invalid" ? base.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`) : base.kind).toEqual(expected);
  });

  it("an incident, waivers, answers and a config are refused at the tag", async () => {
    const pack = await builtinPack();
    const tagged = (body: string) => `${HEAD}${body}extra: !<tag:yaml.org,2002:str> x\n`;
    const line = (text: string) => text.split("\n").length - 1;
    const incident = tagged("kind: Incident\nid: INC-1\n");
    expect(problems(() => loadIncident("i.yaml", incident, pack))).toEqual([`${line(incident)}:8 tag \`!<tag:yaml.org,2002:str>\` ${NOT_ALLOWED}`]);
    const waivers = tagged("kind: Waivers\nwaivers: []\n");
    expect(problems(() => loadWaivers("w.yaml", waivers, new Set()))).toEqual([`${line(waivers)}:8 tag \`!<tag:yaml.org,2002:str>\` ${NOT_ALLOWED}`]);
    const answers = `${HEAD}kind: Answers\nanswers: !!set { a }\n`;
    expect(problems(() => loadAnswers("a.yaml", answers, pack.questions, undefined))).toEqual([`3:10 tag \`!!set\` ${NOT_ALLOWED}`]);
    const dir = tempDir();
    const config = join(dir, ".nhi-triage.yaml");
    writeFileSync(config, `${HEAD}kind: Config\nrules: !!omap [NHI-NO-OWNER: off]\n`);
    const refused = await loadConfig(config).then(
      () => [],
      (e: unknown) => (e instanceof InputError ? e.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`) : Promise.reject(e)),
    );
    expect(refused).toEqual([`3:8 tag \`!!omap\` ${NOT_ALLOWED}`]);
  });

  it("a rule pack: a !!merge in a rule's when: is refused, so no condition is merged in", async () => {
    const rule =
      `${HEAD}kind: RuleSet\nshared: &cond { symptom: repeated-retries }\nrules:\n  - id: ACME-MERGED\n    title: A rule\n    defect: coordination\n    severity: low\n    weight: 1\n    subject: incident\n` +
      "    when:\n      !!merge <<: *cond\n    reasoning: Why.\n    controls: [CTL-RETRY-POLICY]\n    refs: [NHI5:2025, PR.PS-01, MAESTRO-L4]\n";
    expect(await extraPackProblems({ "rules/x.yaml": rule })).toEqual([`12 tag \`!!merge\` ${NOT_ALLOWED}`]);
  });
});
