import { randomBytes } from "node:crypto";
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "./run.js";

/**
 * Hostile inputs, each as every kind of file the tool reads: an incident (analyze), an
 * inventory (gate, and analyze --inventory), a waivers file (gate --waivers) and a rule
 * pack file (--rules). Each must be refused with exit 2 and `file:line:column` (or read,
 * when it is valid after all), without a stack trace, and quickly.
 */

const NOW = ["--now", "2026-11-23"];
/** The target is 2 s; the margin is for loaded CI machines, not for slow code. */
const TIME_LIMIT_MS = 4000;
const MB = 1024 * 1024;

const dir = mkdtempSync(join(tmpdir(), "nhi-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADERS = {
  incident: "apiVersion: nhi-triage/v1\nkind: Incident\n",
  inventory: "apiVersion: nhi-triage/v1\nkind: Inventory\n",
  waivers: "apiVersion: nhi-triage/v1\nkind: Waivers\n",
  rules: "apiVersion: nhi-triage/v1\nkind: RuleSet\n",
};
type Kind = keyof typeof HEADERS;
const KINDS = Object.keys(HEADERS) as Kind[];

/** A valid body per kind; `{{x}}` marks where a case puts its own field. */
const BODIES: Record<Kind, string> = {
  incident: "id: INC-1\ntitle: The deploy job retried\naffected:\n  identities: [svc-a]\n",
  inventory: "identities:\n  - id: svc-a\n    kind: service-account\n    credential:\n      type: short-lived-token\n      lastRotated: 2026-11-01\n",
  waivers: "waivers:\n  - rule: NHI-NO-OWNER\n    subject: identity:svc-*\n    reason: being fixed\n    owner: team-a\n    expires: 2027-01-01\n",
  rules:
    "rules:\n  - id: ACME-HOSTILE\n    title: A rule\n    defect: coordination\n    severity: low\n    weight: 1\n    subject: incident\n" +
    "    when: { symptom: repeated-retries }\n    reasoning: Why.\n    controls: [CTL-RETRY-POLICY]\n    refs: [NHI5:2025, PR.PS-01, MAESTRO-L4]\n",
};
const valid = (kind: Kind) => HEADERS[kind] + BODIES[kind];

// What the hostile file is read beside: a plain incident and inventory that fit each other.
const incidentFile = join(dir, "incident.yaml");
const inventoryFile = join(dir, "inventory.yaml");
writeFileSync(incidentFile, valid("incident"));
writeFileSync(inventoryFile, valid("inventory"));

interface Outcome {
  label: string;
  file: string;
  code: number | null;
  stderr: string;
  ms: number;
}

let counter = 0;
/** Writes `content` as a file of `kind`: the file itself, or a pack's rules/x.yaml. */
function writeAs(kind: Kind, content: string | Buffer, name: string): string {
  const id = `${name}-${kind}-${++counter}`;
  if (kind !== "rules") {
    writeFileSync(join(dir, `${id}.yaml`), content);
    return join(dir, `${id}.yaml`);
  }
  mkdirSync(join(dir, id, "rules"), { recursive: true });
  writeFileSync(join(dir, id, "rules", "x.yaml"), content);
  return join(dir, id, "rules", "x.yaml");
}

/** Runs every command that reads a file of `kind` on it (for a pack, on its folder). */
function runOn(kind: Kind, file: string): Outcome[] {
  const target = kind === "rules" ? join(file, "..", "..") : file;
  const commands: Record<Kind, string[][]> = {
    incident: [["analyze", target]],
    inventory: [["gate", target, ...NOW], ["analyze", incidentFile, "--inventory", target, ...NOW]],
    waivers: [["gate", inventoryFile, "--waivers", target, ...NOW]],
    rules: [["analyze", incidentFile, "--inventory", inventoryFile, "--rules", target, ...NOW]],
  };
  return commands[kind].map((args) => {
    const start = performance.now();
    const r = run(["--no-config", ...args]);
    return { label: `${kind} (${args.slice(0, 2).join(" ")})`, file, code: r.code, stderr: r.stderr, ms: performance.now() - start };
  });
}

const runAs = (kind: Kind, content: string | Buffer, name: string): Outcome[] => runOn(kind, writeAs(kind, content, name));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function expectQuickAndClean(o: Outcome): void {
  expect(o.stderr, o.label).not.toMatch(/internal error|^\s+at .*:\d+:\d+\)?$/m);
  expect(o.ms, `${o.label} took ${Math.round(o.ms)} ms`).toBeLessThan(TIME_LIMIT_MS);
}

/** Exit 2, the first line `file:line:column  error  message`, optionally at a known place. */
function expectRefused(o: Outcome, message: RegExp, at?: { line: number; column?: number }): void {
  expectQuickAndClean(o);
  expect(o.code, `${o.label}: ${o.stderr}`).toBe(2);
  const first = o.stderr.split("\n")[0]!;
  const m = new RegExp(`^${escape(o.file)}:(\\d+):(\\d+)  error  (.*)$`).exec(first);
  expect(m, `${o.label}: ${first}`).not.toBeNull();
  expect(m![3], o.label).toMatch(message);
  if (at) expect({ line: Number(m![1]), ...(at.column !== undefined ? { column: Number(m![2]) } : {}) }, o.label).toEqual(at);
  // An excerpt, however long the line, stays a line.
  for (const line of o.stderr.split("\n")) expect(line.length, o.label).toBeLessThan(700);
}

/** Read as valid: exit 0, or 1 where the gate found something. */
function expectAccepted(o: Outcome): void {
  expectQuickAndClean(o);
  expect([0, 1], `${o.label}: ${o.stderr}`).toContain(o.code);
  expect(o.stderr, o.label).not.toMatch(/ {2}error {2}/);
}

const lineOf = (text: string, marker: string) => text.slice(0, text.indexOf(marker)).split("\n").length;

describe.each(KINDS)("hostile YAML as %s", (kind) => {
  it("an alias bomb (billion laughs) is refused at its first alias", () => {
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let i = 1; i < 9; i++) levels.push(`${"abcdefghi"[i]}: &${"abcdefghi"[i]} [${Array(9).fill(`*${"abcdefghi"[i - 1]}`).join(", ")}]`);
    const text = `${HEADERS[kind]}${levels.join("\n")}\n`;
    for (const o of runAs(kind, text, "bomb")) expectRefused(o, /^YAML could not be expanded: too many aliases .*billion laughs/, { line: lineOf(text, "*a") });
  });

  it("an alias that contains itself is refused, not followed forever", () => {
    const text = `${HEADERS[kind]}loop: &x [*x]\n`;
    for (const o of runAs(kind, text, "cycle")) expectRefused(o, /an alias refers to a list or mapping that contains it/, { line: 3 });
  });

  it("10,000-deep block nesting is refused", () => {
    const text = `${HEADERS[kind]}x:\n${"- ".repeat(10_000)}a\n`;
    for (const o of runAs(kind, text, "deep-block")) expectRefused(o, /^invalid YAML: nesting is too deep: more than 64 levels/, { line: 4 });
  });

  it("10,000-deep flow nesting is refused", () => {
    for (const [name, text] of [
      ["deep-seq", `${HEADERS[kind]}x: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`],
      ["deep-map", `${HEADERS[kind]}x: ${"{a: ".repeat(10_000)}1${"}".repeat(10_000)}\n`],
    ] as const) {
      for (const o of runAs(kind, text, name)) expectRefused(o, /^invalid YAML: nesting is too deep: more than 64 levels/, { line: 3 });
    }
  });

  it("a 200 MB file is refused by its size, before it is read", () => {
    const file = writeAs(kind, "", "big");
    // Sparse, so the test writes no data; and the size in the message can only come from
    // stat, since reading stops one chunk past the limit and would report about 64 MB.
    const fd = openSync(file, "r+");
    ftruncateSync(fd, 200 * MB);
    closeSync(fd);
    for (const o of runOn(kind, file)) {
      expectQuickAndClean(o);
      expect(o.code, o.stderr).toBe(2);
      if (kind === "rules") expect(o.stderr).toMatch(new RegExp(`^${escape(file)}:1:1 {2}error {2}file is 200\\.0 MB; a rule pack file may be at most 2 MB$`, "m"));
      else expect(o.stderr).toMatch(new RegExp(`^${escape(file)} {2}error {2}file is 200\\.0 MB; the limit is 64 MB \\(raise it with --max-input <MB>\\)$`, "m"));
    }
  });

  it("binary junk is refused with the place of the first bad byte", () => {
    const junk = randomBytes(4096);
    junk[100] = 0;
    for (const o of runAs(kind, junk, "random")) expectRefused(o, /^binary data \(a NUL byte\)|^invalid UTF-8/);
    const nul = Buffer.from(`${valid(kind)}note: a\0b\n`);
    for (const o of runAs(kind, nul, "nul")) expectRefused(o, /^binary data \(a NUL byte\): expected a YAML text file$/, { line: valid(kind).split("\n").length, column: 8 });
    const bad = Buffer.concat([Buffer.from(`${valid(kind)}note: é`), Buffer.from([0xc3, 0x28]), Buffer.from("\n")]);
    for (const o of runAs(kind, bad, "utf8")) expectRefused(o, /^invalid UTF-8 \(byte 0xc3\): expected a YAML text file in UTF-8$/, { line: valid(kind).split("\n").length, column: 8 });
    const noNul = Buffer.from(randomBytes(4096).map((b) => (b === 0 ? 0xff : b)));
    noNul[0] = 0xff;
    for (const o of runAs(kind, noNul, "random-utf8")) expectRefused(o, /^invalid UTF-8 \(byte 0xff\)/, { line: 1, column: 1 });
  });

  it("a UTF-8 byte-order mark is read as a normal file", () => {
    for (const o of runAs(kind, `\uFEFF${valid(kind)}`, "bom")) expectAccepted(o);
  });

  it("CRLF line ends are read, and positions stay right", () => {
    for (const o of runAs(kind, valid(kind).replace(/\n/g, "\r\n"), "crlf")) expectAccepted(o);
    const text = `${valid(kind)}unknownField: 1\n`.replace(/\n/g, "\r\n");
    for (const o of runAs(kind, text, "crlf-bad")) {
      expectRefused(o, /^unknown field "unknownField"/, { line: valid(kind).split("\n").length, column: 1 });
      expect(o.stderr).not.toContain("\r");
    }
  });

  it("tabs used for indentation are an error with a position", () => {
    const text = `${HEADERS[kind]}extra:\n\tnested: 1\n`;
    for (const o of runAs(kind, text, "tabs")) expectRefused(o, /^invalid YAML: Tabs are not allowed as indentation/, { line: 4 });
  });

  it("a duplicate key names both lines", () => {
    const key = { incident: "title", inventory: "kind", waivers: "owner", rules: "title" }[kind];
    const nested = kind === "incident" ? "" : kind === "rules" ? "    " : "    ";
    const text = `${valid(kind)}${nested}${key}: again\n`;
    const first = text.split("\n").findIndex((l) => l.startsWith(`${nested}${key}:`)) + 1;
    const dup = text.split("\n").length - 1;
    for (const o of runAs(kind, text, "dup")) expectRefused(o, new RegExp(`^duplicate key \`${key}\` \\(first at line ${first}\\)$`), { line: dup, column: nested.length + 1 });
  });

  it("__proto__, constructor and prototype keys are refused where they are written", () => {
    const cases: Array<[string, string, string]> = [
      ["proto", `${valid(kind)}__proto__:\n  polluted: yes\n`, "__proto__"],
      ["ctor", `${valid(kind)}extra:\n  constructor:\n    prototype: { polluted: yes }\n`, "constructor"],
      ["proto-json", `${valid(kind)}extra: {"__proto__": {"polluted": true}}\n`, "__proto__"],
      ["prototype", `${valid(kind)}prototype: 1\n`, "prototype"],
    ];
    for (const [name, text, key] of cases) {
      const line = text.split("\n").findIndex((l) => l.includes(key)) + 1;
      for (const o of runAs(kind, text, name)) expectRefused(o, new RegExp(`^key \`${key}\` is not allowed`), { line });
    }
  });

  it("unknown tags (!!js/function) and merge keys are refused: nothing in a file runs", () => {
    const tag = `${valid(kind)}extra: !!js/function 'function () { return process.exit(9) }'\n`;
    for (const o of runAs(kind, tag, "tag")) expectRefused(o, /^tag `!!js\/function` is not allowed: a file holds plain data/, { line: tag.split("\n").length - 1 });
    const merge = `${HEADERS[kind]}base: &b { x: 1 }\nextra:\n  <<: *b\n`;
    for (const o of runAs(kind, merge, "merge")) expectRefused(o, /^key `<<` is not allowed: merge keys are not supported/, { line: 5 });
    // YAML 1.1 would turn the merge on; the file is read as YAML 1.2 whatever it says.
    const yaml11 = `%YAML 1.1\n---\n${merge}`;
    for (const o of runAs(kind, yaml11, "yaml11")) expectRefused(o, /^key `<<` is not allowed/, { line: 7 });
  });

  it("tags beyond the core schema's (!!omap, !!merge, verbatim, local, bare !) are refused where they are written", () => {
    const cases: Array<[string, string, number]> = [
      ["omap", "extra: !!omap [type: static-secret, storage: source-code]\n", 8],
      ["merge", "base: &b { x: 1 }\nextra:\n  !!merge <<: *b\n", 3],
      ["verbatim", "extra: !<tag:yaml.org,2002:str> x\n", 8],
      ["local", "extra: !local x\n", 8],
      ["bare", "extra: ! x\n", 8],
    ];
    for (const [name, tail, column] of cases) {
      const text = `${valid(kind)}${tail}`;
      const tag = /!\S*/.exec(tail)![0];
      for (const o of runAs(kind, text, `tag-${name}`)) expectRefused(o, new RegExp(`^tag \`${escape(tag)}\` is not allowed: a file holds plain data, and the only tags are the core schema's !!str, !!int, !!float, !!bool, !!null, !!map and !!seq$`), { line: text.split("\n").length - 1, column });
    }
  });

  it("numbers and booleans where strings are expected: a schema error, or a string per YAML 1.2", () => {
    // [replace, with, refused as]: `yes` and `no` are strings in YAML 1.2, so they are read.
    const cases: Record<Kind, Array<[string, string, RegExp | undefined]>> = {
      incident: [
        ["id: INC-1", "id: 123", /^id: expected string, got number 123$/],
        ["title: The deploy job retried", "title: true", /^title: expected string, got boolean true$/],
        ["title: The deploy job retried", "title: yes", undefined],
      ],
      inventory: [
        ["id: svc-a", "id: 123", /^identities\[0\]\.id: expected string, got number 123$/],
        ["kind: service-account", "kind: service-account\n    owner: yes", undefined],
        ["kind: service-account", "kind: service-account\n    owner: no", undefined],
        ["kind: service-account", "kind: service-account\n    owner: false", /^identities\[0\]\.owner: expected string, got boolean false$/],
      ],
      waivers: [
        ["owner: team-a", "owner: no", undefined],
        ["rule: NHI-NO-OWNER", "rule: 123", /^waivers\[0\]\.rule: expected string, got number 123$/],
        ["owner: team-a", "owner: 1e3", /^waivers\[0\]\.owner: expected string, got number 1000$/],
      ],
      rules: [
        ["title: A rule", "title: yes", undefined],
        ["id: ACME-HOSTILE", "id: 123", /^rules\[0\]\.id: expected string, got number 123$/],
        ["weight: 1", "weight: high", /^rules\[0\]\.weight: expected number, got "high"$/],
      ],
    };
    for (const [from, to, refused] of cases[kind]) {
      const text = valid(kind).replace(from, to);
      const line = text.split("\n").findIndex((l) => l.includes(to.split("\n").at(-1)!.trim())) + 1;
      for (const o of runAs(kind, text, "types")) {
        if (refused) expectRefused(o, refused, { line });
        else expectAccepted(o);
      }
    }
  });

  it("a very long line is quoted short: a 1 MB key, and a 1 MB value named in a message", () => {
    const longKey = `${valid(kind)}${"k".repeat(MB)}: 1\n`;
    for (const o of runAs(kind, longKey, "long-key")) {
      expectRefused(o, /^invalid YAML: The : indicator must be at most 1024 chars/, { line: longKey.split("\n").length - 1, column: 1 });
      expect(o.stderr.length).toBeLessThan(2000);
    }
    const long = "X".repeat(MB);
    const [from, to, message] = {
      incident: ["title: The deploy job retried", `symptoms: [s${long.toLowerCase()}]`, /^unknown symptom "sx{60,110}…\(1048577 characters\)"/],
      inventory: ["kind: service-account", `kind: ${long}`, /^identities\[0\]\.kind: expected one of .*, got "X{37}\.\.\."$/],
      waivers: ["rule: NHI-NO-OWNER", `rule: R${long}`, /^unknown rule "RX{50,110}…\(1048577 characters\)"/],
      rules: ["controls: [CTL-RETRY-POLICY]", `controls: [CTL-${long}]`, /^unknown control "CTL-X{50,110}…\(1048580 characters\)"/],
    }[kind] as [string, string, RegExp];
    const text = valid(kind).replace(from, to);
    for (const o of runAs(kind, text, "long-value")) {
      expectRefused(o, message, { line: text.split("\n").findIndex((l) => l.length > MB) + 1 });
      expect(o.stderr.length).toBeLessThan(2000);
    }
  });

  it("control characters from the file never reach the terminal", () => {
    const text = `${valid(kind)}"\\e[2J\\e]0;pwned\\a": 1\n`;
    for (const o of runAs(kind, text, "ansi")) {
      expectRefused(o, /^unknown field/);
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      expect(o.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    }
  });
});


describe.each(["inventory", "waivers"] as const)("dates in odd formats, as %s", (kind) => {
  const field = kind === "inventory" ? "lastRotated: 2026-11-01" : "expires: 2027-01-01";
  const [name] = field.split(":");
  const FORMAT = /expected a date such as 2026-01-10, or a date-time such as 2026-01-10T08:30:00Z \(ISO 8601\)/;
  it.each([
    ["2026-13-45", /expected a real calendar date$/],
    ["2026-02-30", /expected a real calendar date$/],
    ["2026-01-10T25:00:00Z", /expected a real calendar date$/],
    ["2026/01/01", FORMAT],
    ["01-02-2026", FORMAT],
    ["2026-01-10 10:00:00 +02:00", FORMAT],
    ["20260101", new RegExp(`${FORMAT.source}, got number 20260101$`)],
    ["2026-01-10T10:00:00+02:00", undefined],
    ['"2026-01-10"', undefined],
  ] as const)("%s", (date, refused) => {
    const text = valid(kind).replace(field, `${name}: ${date}`);
    const line = text.split("\n").findIndex((l) => l.includes(`${name}: `)) + 1;
    for (const o of runAs(kind, text, "date")) {
      if (refused) expectRefused(o, new RegExp(`^${kind === "inventory" ? "identities\\[0\\]\\.credential" : "waivers\\[0\\]"}\\.${name}: ${refused.source}`), { line });
      else expectAccepted(o);
    }
  });
});

describe("tags in the files no hostile kind above covers", () => {
  const NOT_ALLOWED = /^tag `!!omap` is not allowed: a file holds plain data/;

  it("a credential hidden in an !!omap fails the gate closed (exit 2), where it used to pass with no finding", () => {
    const inventory = join(dir, "omap-inventory.yaml");
    writeFileSync(inventory, `${HEADERS.inventory}identities:\n  - id: svc-a\n    kind: service-account\n    credential: !!omap [type: static-secret, storage: source-code]\n`);
    const r = run(["--no-config", "gate", inventory, ...NOW]);
    expectRefused({ label: "gate", file: inventory, code: r.code, stderr: r.stderr, ms: 0 }, NOT_ALLOWED, { line: 6, column: 17 });
    expect(r.stdout).toBe("");
  });

  it("a base inventory with a tag is invalid: judged as everything new, with the tag's place in the warning", () => {
    const base = join(dir, "omap-base.yaml");
    const head = join(dir, "omap-head.yaml");
    const identity = `${HEADERS.inventory}identities:\n  - id: svc-a\n    kind: service-account\n    credential: `;
    writeFileSync(base, `${identity}!!omap [type: static-secret, storage: source-code]\n`);
    // The same secret in code as the base holds: with a base that loads, that is no new finding.
    writeFileSync(head, `${identity}{ type: static-secret, storage: source-code }\n`);
    const r = run(["--no-config", "gate", head, "--base", base, "--format", "json", ...NOW]);
    expect(r.code, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout).base.state).toBe("invalid");
    expect(r.stderr).toMatch(new RegExp(`^${escape(base)}:6:17 {2}warning {2}the base inventory is invalid \\(tag \`!!omap\` is not allowed`, "m"));
  });

  it("a project config and saved interview answers are refused at the tag", () => {
    const project = mkdtempSync(join(dir, "config-"));
    const config = join(project, ".nhi-triage.yaml");
    writeFileSync(config, "apiVersion: nhi-triage/v1\nkind: Config\nrules: !!omap [NHI-NO-OWNER: off]\n");
    const c = run(["gate", inventoryFile, ...NOW], { cwd: project });
    expectRefused({ label: "config", file: config, code: c.code, stderr: c.stderr, ms: 0 }, NOT_ALLOWED, { line: 3, column: 8 });
    const answers = join(dir, "omap-answers.yaml");
    writeFileSync(answers, "apiVersion: nhi-triage/v1\nkind: Answers\nanswers: !!omap [title: t]\n");
    const a = run(["--no-config", "interview", "--answers", answers, ...NOW]);
    expectRefused({ label: "answers", file: answers, code: a.code, stderr: a.stderr, ms: 0 }, NOT_ALLOWED, { line: 3, column: 10 });
  });
});

describe("numbers only YAML 1.1 reads", () => {
  // js-yaml's core schema read `0b11` as 3, so the step was a retried privileged one on the
  // fast paths and a type error on the exact one. Both paths now read text, as YAML 1.2 does.
  it.each([
    ["block style (the one-pass reader)", ""],
    ["after a block scalar (js-yaml)", "    engine: >\n      argo\n"],
  ])("retries: 0b11, %s, is a type error at its place, not a retry count", (_name, extra) => {
    const text = `${HEADERS.inventory}workflows:\n  - id: wf\n${extra}    steps:\n      - id: s\n        privileged: true\n        retries: 0b11\n`;
    const file = join(dir, `binary-${extra ? "js" : "block"}.yaml`);
    writeFileSync(file, text);
    const r = run(["--no-config", "gate", file, ...NOW]);
    expectRefused({ label: "gate", file, code: r.code, stderr: r.stderr, ms: 0 }, /^workflows\[0\]\.steps\[0\]\.retries: expected number, got "0b11"$/, { line: text.split("\n").length - 1, column: 18 });
  });
});

describe("a .json inventory", () => {
  it("with a key written twice is refused where it is written, as the same data in YAML is; JSON.parse kept the last", () => {
    const file = join(dir, "twice.json");
    // The second `credential` would hide the secret kept in code behind a vaulted one.
    const identity = '{"id": "svc-a", "kind": "service-account",\n  "credential": {"type": "static-secret", "storage": "source-code"},\n  "credential": {"type": "workload-identity", "storage": "vault"}}';
    writeFileSync(file, `{"apiVersion": "nhi-triage/v1", "kind": "Inventory",\n "identities": [${identity}]}\n`);
    const r = run(["--no-config", "gate", file, ...NOW]);
    expectRefused({ label: "gate", file, code: r.code, stderr: r.stderr, ms: 0 }, /^duplicate key `credential` \(first at line 3\)$/, { line: 4, column: 3 });
  });
});

describe("input from a pipe", () => {
  it("over the size limit is refused as it streams, with the flag that raises it", () => {
    const start = performance.now();
    const r = run(["--no-config", "--max-input", "1", "analyze", "-"], { input: `${valid("incident")}# ${"x".repeat(2 * MB)}\n` });
    expect(performance.now() - start).toBeLessThan(TIME_LIMIT_MS);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^- {2}error {2}input is larger than the limit of 1 MB \(raise it with --max-input <MB>\)$/m);
  });
});

describe("deep nesting written with indentation", () => {
  it("10,000 levels of `key:` (50 MB of spaces) are refused at the 65th level", () => {
    const text = `${HEADERS.incident}x:\n${Array.from({ length: 10_000 }, (_, i) => `${" ".repeat(i + 1)}k:\n`).join("")}`;
    for (const o of runAs("incident", text, "deep-indent")) expectRefused(o, /^invalid YAML: nesting is too deep: more than 64 levels/, { line: 68 });
  });
});

describe("terminal control characters in what the tool echoes", () => {
  // ESC [ 2 J clears the screen, ESC ] 0 ; retitles the window, U+2028 splits a line for some
  // readers and U+202E reverses the text after it: none may reach a terminal or a log as is.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const CONTROL = /[\u001b\u0007\u2028\u202e]/;
  const incident = join(dir, "escapes.yaml");
  writeFileSync(
    incident,
    `${HEADERS.incident}id: "INC-\\e[31mRED\\u2028"\ntitle: "t \\e[2J cleared \\u202Eevil"\n` +
      `description: "The deploy job retried \\e]0;pwned\\a five times"\naffected:\n  identities: ["svc-\\e[1m"]\n`,
  );
  it.each(["text", "markdown"])("analyze --format %s shows each as ·", (format) => {
    const r = run(["--no-config", "analyze", incident, "--format", format, ...NOW]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.stdout).toContain("INC-·[31mRED·");
  });
  it.each(["text", "github", "markdown"])("gate --format %s shows each as ·", (format) => {
    const inventory = join(dir, "escapes-inventory.yaml");
    writeFileSync(inventory, `${HEADERS.inventory}identities:\n  - id: "svc-\\e[2J\\u2028"\n    kind: service-account\n    privileges: ["*"]\n`);
    const r = run(["--no-config", "gate", inventory, "--format", format, ...NOW]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.stdout).toMatch(/svc-·(\\)?\[2J·/);
  });
  it("an error naming a key with a line separator in it stays on one line", () => {
    const inventory = join(dir, "escapes-key.yaml");
    writeFileSync(inventory, `${HEADERS.inventory}identities:\n  - id: svc-a\n    kind: service-account\n    \u2028owner: team-a\n`);
    const r = run(["--no-config", "gate", inventory, ...NOW]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(CONTROL);
    expect(r.stderr).toMatch(/^\S+escapes-key\.yaml:6:5 {2}error {2}unknown field "·owner" in identities\[0\]; did you mean "owner"\?$/m);
  });
});
