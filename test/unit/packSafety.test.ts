import { execFileSync } from "node:child_process";
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { compileDetectors, detectSymptoms } from "../../src/engine/detectSymptoms.js";
import { InputError } from "../../src/load/diagnostic.js";
import { loadRuleCases } from "../../src/load/loadRuleCases.js";
import { loadRulePack } from "../../src/load/loadRulePack.js";
import { ruleCaseFiles } from "../../src/load/ruleCaseFiles.js";
import { PACK_LIMITS } from "../../src/load/rulePack.js";
import { builtinPack, ROOT, RULES_DIR, tempDir } from "../helpers.js";

const HEAD = "apiVersion: nhi-triage/v1\n";

/** A pack folder with `files` (path inside the pack → text), and a folder beside it that it must not reach. */
function pack(files: Record<string, string> = {}): { dir: string; outside: string } {
  const root = tempDir("pack-");
  const dir = join(root, "pack");
  const outside = join(root, "outside");
  mkdirSync(join(dir, "rules"), { recursive: true });
  mkdirSync(join(dir, "cases"));
  mkdirSync(outside);
  writeFileSync(join(outside, "rules.yaml"), `${HEAD}kind: RuleSet\nrules: []\n`);
  writeFileSync(join(outside, "inventory.yaml"), `${HEAD}kind: Inventory\nidentities: []\n`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { dir, outside };
}

/** The pack's problems as `path-in-pack:line:column message`, or [] when it loads. */
async function packProblems(dir: string): Promise<string[]> {
  try {
    await loadRulePack([RULES_DIR, dir]);
    return [];
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return e.diagnostics.map((d) => `${relative(dir, d.file)}:${d.line}:${d.column} ${d.message}`);
  }
}

const rule = (id: string, when = "{ symptom: repeated-retries }") =>
  `  - id: ${id}\n    title: A rule\n    defect: coordination\n    severity: low\n    weight: 1\n    subject: incident\n    when: ${when}\n    reasoning: Why.\n    controls: [CTL-RETRY-POLICY]\n    refs: [NHI5:2025, PR.PS-01, MAESTRO-L4]\n`;
const ruleSet = (...rules: string[]) => `${HEAD}kind: RuleSet\nrules:${rules.length ? `\n${rules.join("")}` : " []\n"}`;
const symptoms = (phrases: string[]) =>
  `${HEAD}kind: Symptoms\nsymptoms:\n  - code: acme-symptom\n    leaning: coordination\n    meaning: Something.\n    phrases:\n${phrases.map((p) => `      - "${p}"\n`).join("")}`;

describe("a rule pack reads only its own folder", () => {
  it("a rules file that is a symbolic link out of the pack is refused, and not read", async () => {
    const { dir, outside } = pack();
    symlinkSync(join(outside, "rules.yaml"), join(dir, "rules", "x.yaml"));
    expect(await packProblems(dir)).toEqual([`rules/x.yaml:1:1 a symbolic link to ${outside}/rules.yaml, outside the rule pack ${dir}: a pack may only read its own folder`]);
  });

  it("so is a top-level file, and a folder (rules/, frameworks/, cases/) linked out of it", async () => {
    for (const [link, target] of [["symptoms.yaml", "rules.yaml"], ["frameworks", "."], ["cases", "."]] as const) {
      const { dir, outside } = pack({ "rules/ok.yaml": ruleSet() });
      rmSync(join(dir, link), { recursive: true, force: true });
      symlinkSync(join(outside, target), join(dir, link));
      const problems = await packProblems(dir);
      expect(problems, link).toEqual([expect.stringMatching(new RegExp(`^${link}:1:1 a symbolic link to .*outside.*, outside the rule pack .*: a pack may only read its own folder$`))]);
    }
  });

  it("a link that stays inside the pack is fine", async () => {
    const { dir } = pack({ "shared/acme.yaml": ruleSet(rule("ACME-LINKED")) });
    symlinkSync(join(dir, "shared", "acme.yaml"), join(dir, "rules", "x.yaml"));
    expect(await packProblems(dir)).toEqual([]);
  });

  it("a FIFO where a rules file should be is refused instead of blocking the loader", async () => {
    const { dir } = pack();
    execFileSync("mkfifo", [join(dir, "rules", "x.yaml")]);
    expect(await packProblems(dir)).toEqual(["rules/x.yaml:1:1 not a regular file: a rule pack holds YAML files"]);
  });

  it("a cases file cannot name an inventory outside the pack: not with .., not absolute, not through a link", async () => {
    const loaded = await builtinPack();
    const cases = (inventory: string) => `${HEAD}kind: RuleCases\ninventory: ${inventory}\ncases:\n  - { name: x, incident: {} }\n`;
    const problemsOf = async (dir: string): Promise<string[]> => {
      try {
        await loadRuleCases(await ruleCaseFiles(dir), loaded);
        return [];
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        return e.diagnostics.map((d) => `${relative(dir, d.file)}:${d.line}:${d.column} ${d.message}`);
      }
    };
    const up = pack({ "cases/a.yaml": cases("../../outside/inventory.yaml") });
    expect(await problemsOf(up.dir)).toEqual(['cases/a.yaml:3:12 inventory ../../outside/inventory.yaml: expected a path inside the rule pack, relative to this file (no "..", not absolute)']);
    const abs = pack();
    writeFileSync(join(abs.dir, "cases", "a.yaml"), cases(join(abs.outside, "inventory.yaml")));
    expect(await problemsOf(abs.dir)).toEqual([expect.stringMatching(/^cases\/a\.yaml:3:12 inventory \/.*: expected a path inside the rule pack/)]);
    const link = pack({ "cases/a.yaml": cases("linked/inventory.yaml") });
    symlinkSync(link.outside, join(link.dir, "cases", "linked"));
    expect(await problemsOf(link.dir)).toEqual([expect.stringMatching(/^cases\/a\.yaml:3:12 inventory linked\/inventory\.yaml \(.*\): reached through a symbolic link, it is .*outside\/inventory\.yaml, outside the rule pack .*: a pack may only read its own folder$/)]);
    const inside = pack({ "cases/a.yaml": cases("inventory.yaml"), "cases/inventory.yaml": `${HEAD}kind: Inventory\nidentities: []\n` });
    expect(await problemsOf(inside.dir)).toEqual([]);
  });
});

describe("nothing in a pack runs", () => {
  it("no pack content is evaluated: the loader has no eval, Function or dynamic import of data", () => {
    for (const file of ["src/load/loadRulePack.ts", "src/load/validatePack.ts", "src/load/readYaml.ts", "src/load/parseYaml.ts", "src/engine/detectSymptoms.ts", "src/engine/evaluateCondition.ts"]) {
      expect(readFileSync(join(ROOT, file), "utf8"), file).not.toMatch(/\beval\(|new Function\(|\bimport\(|new RegExp\(/);
    }
  });

  it("a !!js/function tag, a merge key and a YAML 1.1 merge are refused", async () => {
    const tagged = pack({ "rules/x.yaml": `${ruleSet(rule("ACME-TAG"))}    note: !!js/function 'function () { process.exit(9) }'\n` });
    expect(await packProblems(tagged.dir)).toEqual(["rules/x.yaml:14:11 tag `!!js/function` is not allowed: a file holds plain data, and the only tags are the core schema's !!str, !!int, !!float, !!bool, !!null, !!map and !!seq"]);
    const merged = pack({ "rules/x.yaml": `%YAML 1.1\n---\n${HEAD}kind: RuleSet\nbase: &b { title: A rule }\nrules:\n  - <<: *b\n    id: ACME-MERGE\n` });
    expect(await packProblems(merged.dir)).toEqual(["rules/x.yaml:7:5 key `<<` is not allowed: merge keys are not supported; write the fields out"]);
  });
});

describe("phrases cannot make matching explode", () => {
  it("the costliest phrase the limits allow matches a crafted 512-word sentence quickly", () => {
    // 6 words, the widest window, words that pair up on the same text: within the limits.
    // Before them, 8 words and ~30 took 12 s on 256 words, and 8 copies of one word 36 s on 20.
    const detectors = compileDetectors([{ code: "x", leaning: "coordination", meaning: "m", phrases: ["abc* abc* def* def* ghi* zzz ~16"] }]);
    const text = `${"abc def ghi jkl ".repeat(128)}${"filler ".repeat(40)}zzz`;
    const start = performance.now();
    expect(detectSymptoms(text, detectors)).toEqual([]);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe("a pack's load is bounded", () => {
  it(`at most ${PACK_LIMITS.files} YAML files`, async () => {
    const files = Object.fromEntries(Array.from({ length: PACK_LIMITS.files + 1 }, (_, i) => [`rules/r${String(i).padStart(3, "0")}.yaml`, ruleSet()]));
    const { dir } = pack(files);
    expect(await packProblems(dir)).toEqual([`rules/r100.yaml:1:1 the rule pack ${dir} holds 101 YAML files; the limit is 100`]);
  });

  it("at most 2 MB per file, judged before reading", async () => {
    const { dir } = pack();
    const fd = openSync(join(dir, "rules", "big.yaml"), "w");
    ftruncateSync(fd, 3 * 1024 * 1024);
    closeSync(fd);
    expect(await packProblems(dir)).toEqual(["rules/big.yaml:1:1 file is 3.0 MB; a rule pack file may be at most 2 MB"]);
  });

  it(`at most ${PACK_LIMITS.rules} rules and change rules`, async () => {
    const rules = Array.from({ length: PACK_LIMITS.rules + 1 }, (_, i) => rule(`ACME-R${i}`));
    const { dir } = pack({ "rules/many.yaml": ruleSet(...rules) });
    const line = 4 + PACK_LIMITS.rules * rule("ACME-R0").split("\n").length - PACK_LIMITS.rules;
    expect(await packProblems(dir)).toEqual([`rules/many.yaml:${line}:5 the rule pack ${dir} defines 501 rules and change rules; the limit is 500`]);
  });

  it(`conditions at most ${PACK_LIMITS.conditionDepth} all/any/not deep`, async () => {
    const deep = (n: number) => `${"{ not: ".repeat(n)}{ symptom: repeated-retries }${" }".repeat(n)}`;
    const ok = pack({ "rules/x.yaml": ruleSet(rule("ACME-DEEP", deep(8))) });
    expect(await packProblems(ok.dir)).toEqual([]);
    const { dir } = pack({ "rules/x.yaml": ruleSet(rule("ACME-DEEP", deep(9))) });
    expect(await packProblems(dir)).toEqual(["rules/x.yaml:10:67 the condition nests all/any/not 9 levels deep; the limit is 8"]);
  });

  it(`conditions at most ${PACK_LIMITS.conditionSize} parts`, async () => {
    const wide = (n: number) => `{ any: [${Array(n).fill("{ symptom: repeated-retries }").join(", ")}] }`;
    const ok = pack({ "rules/x.yaml": ruleSet(rule("ACME-WIDE", wide(63))) });
    expect(await packProblems(ok.dir)).toEqual([]);
    const { dir } = pack({ "rules/x.yaml": ruleSet(rule("ACME-WIDE", wide(64))) });
    expect(await packProblems(dir)).toEqual([expect.stringMatching(/^rules\/x\.yaml:10:\d+ the condition has 65 parts \(tests and all\/any\/not\); the limit is 64$/)]);
  });

  it(`at most ${PACK_LIMITS.phrasesPerSymptom} phrases per symptom`, async () => {
    const phrases = Array.from({ length: PACK_LIMITS.phrasesPerSymptom + 1 }, (_, i) => `word${i} other`);
    const { dir } = pack({ "symptoms.yaml": symptoms(phrases) });
    expect(await packProblems(dir)).toEqual([`symptoms.yaml:${8 + PACK_LIMITS.phrasesPerSymptom}:9 symptom acme-symptom has 51 phrases; the limit is 50`]);
  });

  it("phrases: length, words, alternatives, window and prefixes", async () => {
    const { dir } = pack({
      "symptoms.yaml": symptoms([
        `job ${"x".repeat(PACK_LIMITS.phraseLength)}`,
        "one two three four five six seven",
        `${Array.from({ length: 25 }, (_, i) => `w${i}`).join("|")} job`,
        "job retried ~17",
        "ab* job",
        "* job",
        "one two three four five six ~16",
        "abc* job abcd* abc",
        "over and over",
        "-",
        "café job",
        "|| job",
      ]),
    });
    expect(await packProblems(dir)).toEqual([
      "symptoms.yaml:8:9 a phrase of 204 characters; the limit is 200",
      "symptoms.yaml:9:9 a phrase of 7 words; the limit is 6",
      `symptoms.yaml:10:9 "w0|w1|w2|w3|w4|w5|w6|w7|w8|w9|w10|w11|w1..." has 25 alternatives; the limit is 24`,
      "symptoms.yaml:11:9 a window of ~17 words; the limit is ~16",
      'symptoms.yaml:12:9 the prefix "ab*" needs at least 3 letters before the *: a shorter one matches nearly every word',
      'symptoms.yaml:13:9 the prefix "*" needs at least 3 letters before the *: a shorter one matches nearly every word',
      "symptoms.yaml:15:9 words 1, 3, 4 of the phrase can all match the same word; at most two may, since matching tries every order of such words",
      'symptoms.yaml:17:9 the phrase "-" has no words; a phrase is words of letters and digits',
      'symptoms.yaml:18:9 "café" can never match a word of a ticket; write letters a-z and digits, with | between alternatives, - between the words of a several-word alternative and * after a prefix',
      'symptoms.yaml:19:9 "||" can never match a word of a ticket; write letters a-z and digits, with | between alternatives, - between the words of a several-word alternative and * after a prefix',
    ]);
  });
});
