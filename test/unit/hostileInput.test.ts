import { closeSync, ftruncateSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { subjectMatcher } from "../../src/gate/matchSubject.js";
import { InputError } from "../../src/load/diagnostic.js";
import { loadAnswers } from "../../src/load/loadAnswers.js";
import { loadConfig } from "../../src/load/loadConfig.js";
import { loadIncident } from "../../src/load/loadIncident.js";
import { loadInventory } from "../../src/load/loadInventory.js";
import { loadRulePack } from "../../src/load/loadRulePack.js";
import { loadWaivers } from "../../src/load/loadWaivers.js";
import { parseYaml } from "../../src/load/parseYaml.js";
import { firstInvalidUtf8, readText } from "../../src/load/readText.js";
import { readYaml } from "../../src/load/readYaml.js";
import { isCalendarDate } from "../../src/load/schema/common.js";
import { builtinPack, problems, RULES_DIR, tempDir } from "../helpers.js";

async function asyncProblems(fn: () => Promise<unknown>): Promise<string[]> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof InputError) return e.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
    throw e;
  }
  return [];
}

/** Everything an attacker could have changed on the shared prototypes. */
function prototypes(): string {
  return JSON.stringify([Object.prototype, Array.prototype, Function.prototype].map((p) => Object.getOwnPropertyNames(p).sort()));
}

// Both parsers, and each way a key can be written: block, flow, quoted, JSON, behind an anchor.
const PAYLOADS: Array<[string, string, string]> = [
  ["block __proto__", "__proto__:\n  polluted: true\n", "__proto__"],
  ["quoted __proto__", '"__proto__": { polluted: true }\n', "__proto__"],
  ["constructor.prototype", "extra:\n  constructor:\n    prototype: { polluted: true }\n", "constructor"],
  ["flow JSON", 'extra: {"__proto__": {"polluted": true}}\n', "__proto__"],
  ["behind an anchor (exact parser)", "x: &a { polluted: true }\n__proto__: *a\n", "__proto__"],
  ["prototype", "prototype: { polluted: true }\n", "prototype"],
];

describe("prototype pollution, in-process", () => {
  const HEAD = { incident: "apiVersion: nhi-triage/v1\nkind: Incident\nid: INC-1\n", inventory: "apiVersion: nhi-triage/v1\nkind: Inventory\n" };

  it.each(PAYLOADS)("%s: refused with a position by every loader, and no prototype changes", async (_name, payload, key) => {
    const before = prototypes();
    const pack = await builtinPack();
    const line = payload.split("\n").findIndex((l) => l.includes(key)) + 1;
    const expected = new RegExp(`^${line + 3}:\\d+ key \`${key}\` is not allowed`);
    expect(problems(() => loadIncident("i.yaml", HEAD.incident + payload, pack))[0]).toMatch(expected);
    expect(problems(() => loadInventory("v.yaml", `${HEAD.inventory}identities: []\n${payload}`))[0]).toMatch(expected);
    expect(problems(() => loadWaivers("w.yaml", `apiVersion: nhi-triage/v1\nkind: Waivers\nwaivers: []\n${payload}`, new Set()))[0]).toMatch(expected);
    expect(problems(() => loadAnswers("a.yaml", `apiVersion: nhi-triage/v1\nkind: Answers\nanswers: {}\n${payload}`, pack.questions, undefined))[0]).toMatch(expected);
    // A record (answers by question id) is where a __proto__ key would otherwise land.
    const inAnswers = `apiVersion: nhi-triage/v1\nkind: Answers\nanswers:\n  ${payload.replace(/\n(?=.)/g, "\n  ")}`;
    expect(problems(() => loadAnswers("a.yaml", inAnswers, pack.questions, undefined))[0]).toMatch(new RegExp(`^${line + 3}:\\d+ key \`${key}\` is not allowed`));
    const dir = tempDir();
    writeFileSync(join(dir, ".nhi-triage.yaml"), `apiVersion: nhi-triage/v1\nkind: Config\nrules: {}\n${payload}`);
    expect((await asyncProblems(() => loadConfig(join(dir, ".nhi-triage.yaml"))))[0]).toMatch(expected);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(prototypes()).toBe(before);
  });

  it("a JSON file takes JSON.parse, and is checked the same way", () => {
    const before = prototypes();
    const r = readYaml("x.json", '{"apiVersion": "nhi-triage/v1", "extra": {"__proto__": {"polluted": true}}}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]!.message).toMatch(/^key `__proto__` is not allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(prototypes()).toBe(before);
  });

  it("a rule pack with such keys is refused, and nothing changes", async () => {
    const before = prototypes();
    const dir = tempDir("pack-");
    writeFileSync(join(dir, "symptoms.yaml"), "apiVersion: nhi-triage/v1\nkind: Symptoms\nsymptoms: []\nconstructor:\n  prototype:\n    polluted: true\n");
    expect(await asyncProblems(() => loadRulePack([RULES_DIR, dir]))).toEqual(["4:1 key `constructor` is not allowed: it would reach the prototype of every object"]);
    expect(prototypes()).toBe(before);
  });
});

describe("aliases", () => {
  it("many aliases of one long list are refused, though the parser's own cap allows them", () => {
    // The parser allows 100 aliases of a node without aliases inside; 90 of a 2000-entry
    // list are 180,000 values from 20 KB of text.
    const list = Array.from({ length: 2000 }, (_, i) => `{ n: ${i} }`).join(", ");
    const text = `a: &a [${list}]\nb: [${Array(90).fill("*a").join(", ")}]\n`;
    const r = readYaml("x.yaml", text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(`${r.diagnostics[0]!.line}:${r.diagnostics[0]!.column} ${r.diagnostics[0]!.message}`).toMatch(/^2:5 YAML could not be expanded: its aliases expand to more than \d+ values/);
  });

  it("an alias written right after a quoted key's colon still takes the capped parser", () => {
    const levels = ['{"a":&a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i < 9; i++) levels.push(`"${"abcdefghi"[i]}":&${"abcdefghi"[i]} [${Array(9).fill(`{"k":*${"abcdefghi"[i - 1]}}`).join(", ")}]`);
    const r = readYaml("x.yaml", `${levels.join(",\n")}}\n`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]!.message).toMatch(/too many aliases|expand to more than/);
  });

  it("an alias without its anchor is named, at its place", () => {
    const r = parseYaml("x.yaml", "a: 1\nb: *nowhere\n");
    expect(r.ok ? [] : r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual(["2:4 YAML could not be expanded: alias *nowhere has no anchor &nowhere before it"]);
  });
});

describe("nesting", () => {
  it("64 levels are read; 65 are refused, in either parser", () => {
    const nested = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}\n`;
    expect(readYaml("x.yaml", nested(64)).ok).toBe(true);
    expect(readYaml("x.yaml", `x: &a 1\ny: ${nested(63)}`).ok).toBe(true);
    for (const text of [nested(65), `x: &a 1\ny: ${nested(64)}`, Array.from({ length: 70 }, (_, i) => `${" ".repeat(i)}k:\n`).join("")]) {
      const r = readYaml("x.yaml", text);
      expect(r.ok ? "read" : r.diagnostics[0]!.message).toBe("invalid YAML: nesting is too deep: more than 64 levels of lists and mappings");
    }
  });
});

describe("dates", () => {
  it.each([
    ["2026-01-10", true],
    ["2024-02-29", true],
    ["2026-01-10T23:59:59.5+14:00", true],
    ["2026-02-29", false],
    ["2026-02-30", false],
    ["2026-13-01", false],
    ["2026-00-10", false],
    ["2026-01-10T24:00", false],
    ["2026-01-10T10:60", false],
    ["2026/01/01", false],
    ["1900-02-29", false],
    ["2000-02-29", true],
    ["0000-02-29", true],
    ["2026-1-100", false],
    ["2026-01-1a", false],
    ["+2026-1-10", false],
  ])("%s is a calendar date: %s", (s, ok) => {
    expect(isCalendarDate(s)).toBe(ok);
  });

  it("a plain date is judged as Date.UTC judges it, for every day of four centuries", () => {
    // The plain-date path has its own arithmetic; Date is the reference it must agree with.
    for (let year = 1899; year <= 2301; year += year < 1905 || year > 2295 || year % 50 === 0 ? 1 : 7) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const s = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
          const d = new Date(Date.UTC(year, month - 1, day));
          const real = month >= 1 && month <= 12 && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
          expect(isCalendarDate(s), s).toBe(real);
        }
      }
    }
  });
});

describe("reading text", () => {
  it.each([
    ["ASCII", [0x61, 0x62], 2],
    ["two-byte é", [0xc3, 0xa9], 2],
    ["a lone continuation byte", [0x61, 0x80], 1],
    ["an overlong encoding", [0xc0, 0xaf], 0],
    ["a UTF-16 surrogate", [0x61, 0xed, 0xa0, 0x80], 1],
    ["past U+10FFFF", [0xf4, 0x90, 0x80, 0x80], 0],
    ["a truncated sequence", [0x61, 0x62, 0xe2, 0x82], 2],
    ["a four-byte emoji", [0xf0, 0x9f, 0x98, 0x80], 4],
  ])("%s: first invalid byte", (_name, bytes, at) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(at);
  });

  it("refuses a 16 GB file by its size without reading it", async () => {
    const file = join(tempDir(), "huge.yaml");
    const fd = openSync(file, "w");
    ftruncateSync(fd, 16 * 1024 ** 3);
    closeSync(fd);
    // Reading would stop after 64 MB and say so; only stat knows the file is 16384 MB.
    expect(await asyncProblems(() => readText(file))).toEqual(["0:0 file is 16384.0 MB; the limit is 64 MB (raise it with --max-input <MB>)"]);
  });

  it("names UTF-16 for what it is", async () => {
    const file = join(tempDir(), "utf16.yaml");
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("kind: Incident\n", "utf16le")]));
    expect(await asyncProblems(() => readText(file))).toEqual(["1:1 UTF-16 text: save the file as UTF-8"]);
  });
});

describe("waiver subjects match without backtracking", () => {
  it.each([
    ["identity:svc-*", "identity:svc-deploy", true],
    ["identity:svc-*", "identity:svc-", true],
    ["identity:svc-*", "identity:sv", false],
    ["*", "anything at all", true],
    ["workflow:*/step:*", "workflow:w/step:s", true],
    ["workflow:*/step:*", "workflow:w", false],
    ["a*b*c", "abc", true],
    ["a*b*c", "aXbYc", true],
    ["a*b*c", "acb", false],
    ["ab*ba", "aba", false],
    ["ab*ba", "abba", true],
    ["**x", "x", true],
    ["a.b*", "aXb", false],
    ["(x)*", "(x)yz", true],
  ])("%s against %s: %s", (pattern, subject, expected) => {
    expect(subjectMatcher(pattern)(subject)).toBe(expected);
  });

  it("a*a*a*a*a*a*a*a*b against 100k characters finishes at once", () => {
    const subject = "a".repeat(100_000);
    const start = performance.now();
    expect(subjectMatcher("a*a*a*a*a*a*a*a*b")(subject)).toBe(false);
    expect(subjectMatcher(`${"a*".repeat(1000)}b`)(subject)).toBe(false);
    expect(subjectMatcher(`${"a*".repeat(1000)}a`)(subject)).toBe(true);
    expect(performance.now() - start).toBeLessThan(100);
  });
});
