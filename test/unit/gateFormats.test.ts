import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import type { Log, Result } from "sarif";
import { describe, expect, it } from "vitest";
import { runGate } from "../../src/gate/runGate.js";
import type { GateFinding } from "../../src/gate/types.js";
import { loadInventory } from "../../src/load/loadInventory.js";
import { loadWaivers } from "../../src/load/loadWaivers.js";
import { formatGateGithub } from "../../src/report/formatGateGithub.js";
import { formatGateJunit } from "../../src/report/formatGateJunit.js";
import { formatGateMarkdown } from "../../src/report/formatGateMarkdown.js";
import { formatGateSarif } from "../../src/report/formatGateSarif.js";
import { gateRules, type GateReport } from "../../src/report/GateReport.js";
import { GATE_FORMATTERS } from "../../src/report/gateFormatters.js";
import { PLAIN } from "../../src/report/style.js";
import { builtinPack, NOW, ROOT } from "../helpers.js";
import { gateResult } from "../tools/gateResult.js";

const HEAD = "fixtures/gate/head.yaml";
const BASE = "fixtures/gate/base.yaml";
const WAIVERS = "fixtures/gate/waivers.yaml";

/** Expired, stale, and one whose reason is hostile to XML, Markdown and PR comments. */
const ODD_WAIVERS = `apiVersion: nhi-triage/v1
kind: Waivers
waivers:
  - rule: NHI-STATIC-SECRET
    subject: identity:legacy-billing-key
    reason: vendor contract
    owner: team-billing
    expires: 2026-01-31
  - rule: NHI-NO-OWNER
    subject: identity:ghost-*
    reason: decommissioned next sprint
    owner: team-platform
    expires: 2027-01-31
  - rule: NHI-SHARED-BY-TEAMS
    subject: identity:svc-reporting
    reason: "needs <&>\\"' review | <script>alert(1)</script> @octocat"
    owner: team-data
    expires: 2026-12-31
`;

const CLEAN = `apiVersion: nhi-triage/v1
kind: Inventory
identities:
  - id: svc-build
    kind: service-account
    owner: team-platform
    usedBy: [team-platform]
    environments: [prod]
    credential: { type: workload-identity, storage: secret-manager }
    privileges: [repo:read]
    humanUse: false
    lastUsed: 2026-11-20
`;

const read = (rel: string) => readFileSync(`${ROOT}${rel}`, "utf8");

interface Scenario {
  head?: { file: string; text: string };
  base?: boolean;
  waivers?: { file: string; text: string };
  strict?: boolean;
}

async function report(s: Scenario = {}): Promise<GateReport> {
  const pack = await builtinPack();
  const ids = new Set(gateRules(pack).map((r) => r.id));
  const headSrc = s.head ?? { file: HEAD, text: read(HEAD) };
  const waiverSrc = s.waivers ?? { file: WAIVERS, text: read(WAIVERS) };
  const result = runGate({
    pack,
    head: loadInventory(headSrc.file, headSrc.text),
    ...(s.base === false ? {} : { baseInventory: loadInventory(BASE, read(BASE)) }),
    base: s.base === false ? { kind: "none" } : { kind: "present", given: BASE, label: BASE },
    waivers: loadWaivers(waiverSrc.file, waiverSrc.text, ids).waivers,
    waiversFile: waiverSrc.file,
    now: NOW,
    failOn: "high",
    strict: s.strict === true,
  });
  return { result, pack, style: PLAIN, version: "0.0.0-test" };
}

const odd = () => report({ waivers: { file: "ci/waivers.yaml", text: ODD_WAIVERS } });
const clean = () => report({ head: { file: "clean.yaml", text: CLEAN }, base: false, waivers: { file: "w.yaml", text: "apiVersion: nhi-triage/v1\nkind: Waivers\nwaivers: []\n" } });

/** A finding whose user-written parts try to break every output format. */
function hostile(over: Partial<GateFinding> = {}): GateFinding {
  return {
    origin: "posture",
    fingerprint: "ffff",
    rule: "NHI-NO-OWNER",
    title: "Odd, title: 100%",
    defect: "attribution",
    severity: "high",
    subject: "identity:a,b:c%d\ne|f<script>alert(1)</script>\u0001",
    evidence: ["x | y", "line\nbreak"],
    controls: ["CTL-ASSIGN-OWNER"],
    refs: ["NHI1:2025"],
    location: { file: "dir,x\\in:v.yaml", line: 3, column: 5 },
    ...over,
  } as GateFinding;
}

async function hostileReport(): Promise<GateReport> {
  const f = hostile();
  const result = gateResult({ passed: false, inventory: "dir,x\\in:v.yaml", failing: [f], new: [f] });
  return { result, pack: await builtinPack(), style: PLAIN, version: "0.0.0-test" };
}

// ---------------------------------------------------------------- SARIF

const schema = JSON.parse(read("test/sarif-schema-2.1.0.json")) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
// ajv-formats is CommonJS: under NodeNext the default import is its module object.
addFormats.default(ajv);
const validate = ajv.compile(schema);

function sarif(r: GateReport): Log {
  const log = JSON.parse(formatGateSarif(r)) as Log;
  const ok = validate(log);
  expect(ok, JSON.stringify(validate.errors, null, 2)).toBe(true);
  return log;
}

describe("gate --format sarif", () => {
  it("is valid SARIF 2.1.0 with every gate rule described", async () => {
    const r = await report();
    const run = sarif(r).runs[0]!;
    const rules = run.tool.driver.rules!;
    expect(rules.map((d) => d.id)).toEqual(gateRules(r.pack).map((g) => g.id));
    for (const d of rules) {
      expect(d.help?.text).toMatch(/\S/);
      expect(d.help?.markdown).toMatch(/\*\*Apply\*\*/);
      expect(d.properties?.["security-severity"]).toMatch(/^\d+\.\d$/);
      expect(d.properties?.tags).toContain("security");
    }
    expect(run.tool.driver.version).toBe("0.0.0-test");
    expect(run.invocations).toEqual([{ executionSuccessful: true, exitCode: 1, toolExecutionNotifications: [] }]);
  });

  it("gives every result a line, a fingerprint and a rule that exists at its index", async () => {
    const r = await report();
    const run = sarif(r).runs[0]!;
    const rules = run.tool.driver.rules!;
    const results: Result[] = run.results!;
    expect(results).toHaveLength(r.result.new.length + r.result.existing.length + r.result.waived.length);
    for (const res of results) {
      const region = res.locations![0]!.physicalLocation!.region!;
      expect(region.startLine).toBeGreaterThanOrEqual(1);
      expect(region.startColumn).toBeGreaterThanOrEqual(1);
      expect(res.partialFingerprints?.["nhiTriage/v1"]).toMatch(/^[0-9a-f]+$/);
      expect(rules[res.ruleIndex!]!.id).toBe(res.ruleId);
      expect(res.locations![0]!.physicalLocation!.artifactLocation).toEqual({ uri: HEAD, uriBaseId: "%SRCROOT%" });
    }
    const resolved = new Set(r.result.resolved.map((f) => f.fingerprint));
    expect(results.filter((res) => resolved.has(res.partialFingerprints!["nhiTriage/v1"]!))).toEqual([]);
  });

  it("marks new, unchanged and waived results", async () => {
    const r = await report();
    const results = sarif(r).runs[0]!.results!;
    const states = results.map((res) => res.baselineState);
    expect(states.filter((s) => s === "new")).toHaveLength(r.result.new.length + r.result.waived.filter((w) => w.status === "new").length);
    expect(states.filter((s) => s === "unchanged")).toHaveLength(r.result.existing.length + r.result.waived.filter((w) => w.status === "existing").length);
    const waived = results.filter((res) => res.suppressions);
    expect(waived).toHaveLength(r.result.waived.length);
    for (const res of waived) expect(res.suppressions![0]).toMatchObject({ kind: "external", justification: expect.stringMatching(/\(owner .+, expires \d{4}-\d{2}-\d{2}\)$/) });
    const change = results.find((res) => res.ruleId === "CHANGE-PRIVILEGES-WIDENED")!;
    expect(change.properties).toMatchObject({ origin: "change", before: "repo:write, deploy:prod", after: "repo:write, deploy:prod, prod:admin" });
  });

  it("reports expired and stale waivers as notifications at the waiver", async () => {
    const r = await odd();
    const notes = sarif(r).runs[0]!.invocations![0]!.toolExecutionNotifications!;
    expect(notes).toHaveLength(2);
    expect(notes.map((n) => n.message.text)).toEqual([expect.stringContaining("expired on 2026-01-31"), expect.stringContaining("Stale waiver: NHI-NO-OWNER")]);
    expect(notes[0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe("ci/waivers.yaml");
  });

  it("is valid for a clean inventory and without a base, and then has no baseline states", async () => {
    const empty = sarif(await clean()).runs[0]!;
    expect(empty.results).toEqual([]);
    expect(empty.invocations![0]!.exitCode).toBe(0);
    const noBase = sarif(await report({ base: false })).runs[0]!;
    expect(noBase.results!.length).toBeGreaterThan(0);
    expect(noBase.results!.every((res) => res.baselineState === undefined)).toBe(true);
  });

  it("is checked against a schema that does reject a broken log", async () => {
    const log = JSON.parse(formatGateSarif(await report())) as Log;
    log.runs[0]!.results![0]!.locations![0]!.physicalLocation!.region!.startLine = 0;
    expect(validate(log)).toBe(false);
  });

  it("turns paths into URI references", async () => {
    const r = await hostileReport();
    const uri = (file: string) => {
      const f = hostile({ location: { file, line: 0, column: 0 } });
      const log = sarif({ ...r, result: { ...r.result, new: [f], failing: [f] } });
      return { ...log.runs[0]!.results![0]!.locations![0]!.physicalLocation! };
    };
    expect(uri("dir\\sub\\inv.yaml")).toEqual({ artifactLocation: { uri: "dir/sub/inv.yaml", uriBaseId: "%SRCROOT%" }, region: { startLine: 1, startColumn: 1 } });
    expect(uri("./a b#1.yaml").artifactLocation).toEqual({ uri: "a%20b%231.yaml", uriBaseId: "%SRCROOT%" });
    expect(uri("/srv/repo/inv.yaml").artifactLocation).toEqual({ uri: "file:///srv/repo/inv.yaml" });
    expect(uri("C:\\repo\\inv.yaml").artifactLocation).toEqual({ uri: "file:///C:/repo/inv.yaml" });
  });
});

// ---------------------------------------------------------------- JUnit

/** Enough of an XML check to catch broken escaping: tags nest and close, and every `&` is a reference. */
function wellFormed(xml: string): void {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const body = xml.slice(xml.indexOf("?>") + 2);
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (const m of body.matchAll(tag)) {
    expect(body.slice(last, m.index), "text between tags").not.toMatch(/[<>]/);
    last = m.index + m[0].length;
    const [, close, name, , self] = m;
    if (self) continue;
    if (close) expect(stack.pop(), `closing ${name}`).toBe(name);
    else stack.push(name!);
  }
  expect(body.slice(last).trim()).toBe("");
  expect(stack).toEqual([]);
  expect(xml).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+);)/);
  expect(xml).not.toMatch(/\p{Cc}(?<![\t\n\r])/u);
}

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

describe("gate --format junit", () => {
  it("has one test per gate rule and fails only the rules with failing findings", async () => {
    const r = await report();
    const xml = formatGateJunit(r);
    wellFormed(xml);
    const rules = gateRules(r.pack);
    const failingRules = new Set(r.result.failing.map((f) => f.rule));
    expect(count(xml, /<testcase /g)).toBe(rules.length);
    expect(count(xml, /<failure /g)).toBe(failingRules.size);
    expect(xml).toContain(`<testsuites name="nhi-triage gate" tests="${rules.length}" failures="${failingRules.size}" errors="0">`);
    expect(xml).toContain(`<testsuite name="nhi-triage gate: ${HEAD}" tests="${rules.length}" failures="${failingRules.size}"`);
    for (const rule of failingRules) expect(xml).toMatch(new RegExp(`name="${rule} [^"]*">\\n\\s*<failure `));
    expect(xml).toMatch(/waived \(existing\): fixtures\/gate\/head.yaml:31:48 identity:legacy-billing-key/);
    expect(xml).toMatch(/existing: fixtures\/gate\/head.yaml:22:19 identity:svc-reporting/);
    expect(xml).toMatch(/below high \(new, does not fail the gate\): .* identity:svc-reporting/);
  });

  it("escapes user text and strips characters XML cannot hold", async () => {
    const xml = formatGateJunit(await odd());
    wellFormed(xml);
    expect(xml).toContain("needs &lt;&amp;&gt;&quot;&apos; review | &lt;script&gt;");
    expect(xml).not.toContain("<script>");
    const hostileXml = formatGateJunit(await hostileReport());
    wellFormed(hostileXml);
    expect(hostileXml).toContain("e|f&lt;script&gt;alert(1)&lt;/script&gt; —");
  });

  it("lists expired and stale waivers, and fails a waivers test under --strict", async () => {
    const relaxed = formatGateJunit(await odd());
    expect(relaxed).toMatch(/expired waiver: ci\/waivers.yaml:\d+:\d+ identity:legacy-billing-key expired 2026-01-31/);
    expect(relaxed).toMatch(/stale waiver: ci\/waivers.yaml:\d+:\d+ identity:ghost-\* matches no finding/);
    expect(relaxed).not.toContain("nhi-triage.waivers");
    const strict = await report({ waivers: { file: "ci/waivers.yaml", text: ODD_WAIVERS }, strict: true });
    const xml = formatGateJunit(strict);
    wellFormed(xml);
    const failures = new Set(strict.result.failing.map((f) => f.rule)).size + 1;
    expect(xml).toContain(`tests="${gateRules(strict.pack).length + 1}" failures="${failures}"`);
    expect(xml).toMatch(/classname="nhi-triage.waivers"[^>]*>\n\s*<failure message="2 waivers expired or stale"/);
  });
});

// ---------------------------------------------------------------- GitHub

describe("gate --format github", () => {
  it("annotates failing findings as errors, the rest of the new ones as warnings, then sums up", async () => {
    const r = await report();
    const lines = formatGateGithub(r).trimEnd().split("\n");
    expect(lines.filter((l) => l.startsWith("::error "))).toHaveLength(r.result.failing.length);
    expect(lines.filter((l) => l.startsWith("::warning "))).toHaveLength(r.result.new.length - r.result.failing.length);
    expect(lines).toContain(
      "::error file=fixtures/gate/head.yaml,line=15,col=17,title=CHANGE-PRIVILEGES-WIDENED Identity's privileges widened::identity:svc-deploy: identity svc-deploy: privileges gained prod:admin → Cut privileges to what the task needs",
    );
    expect(lines.at(-1)).toBe("::notice title=nhi-triage gate::GATE FAILED — 9 new (5 at or above high), 3 existing, 1 resolved, 2 waived");
    // Existing and waived findings would flood the diff.
    expect(lines.join("\n")).not.toMatch(/legacy-billing-key|NHI-MIXED-ENVIRONMENTS|NHI-SHARED-BY-TEAMS/);
  });

  it("warns about expired and stale waivers at the waiver", async () => {
    const lines = formatGateGithub(await odd()).split("\n");
    expect(lines.filter((l) => l.startsWith("::warning file=ci/waivers.yaml,"))).toEqual([
      expect.stringMatching(/^::warning file=ci\/waivers.yaml,line=\d+,col=\d+,title=Expired waiver NHI-STATIC-SECRET::identity:legacy-billing-key: waiver expired on 2026-01-31/),
      expect.stringMatching(/^::warning file=ci\/waivers.yaml,line=\d+,col=\d+,title=Stale waiver NHI-NO-OWNER::identity:ghost-\*: the waiver matches no finding/),
    ]);
  });

  it("escapes properties and data the way the runner parses them", async () => {
    const out = formatGateGithub(await hostileReport());
    const lines = out.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    const error = lines[0]!;
    const sep = error.indexOf("::", 2);
    const props = error.slice("::error ".length, sep).split(",");
    expect(props).toEqual(["file=dir%2Cx/in%3Av.yaml", "line=3", "col=5", "title=NHI-NO-OWNER Odd%2C title%3A 100%25"]);
    expect(error.slice(sep + 2)).toBe("identity:a,b:c%25d%0Ae|f<script>alert(1)</script>\u0001: x | y; line%0Abreak → Assign an accountable owner to every NHI");
  });
});

// ---------------------------------------------------------------- Markdown

/** Cells a GFM table parser would see: an unescaped `|` splits, `\x` is one escaped character. */
function cells(row: string): number {
  let n = 0;
  for (let i = 0; i < row.length; i++) {
    if (row[i] === "\\") i++;
    else if (row[i] === "|") n++;
  }
  return n - 1;
}

function tableAfter(text: string, heading: string): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.startsWith(heading));
  const rows: string[] = [];
  for (const l of lines.slice(lines.findIndex((l, i) => i > start && l.startsWith("|")))) {
    if (!l.startsWith("|")) break;
    rows.push(l);
  }
  return rows;
}

describe("gate --format markdown", () => {
  it("leads with the verdict and tabulates the new findings, failing ones first", async () => {
    const r = await report();
    const text = formatGateMarkdown(r);
    const lines = text.split("\n");
    expect(lines[0]).toBe("## ❌ nhi-triage gate failed");
    expect(lines[2]).toBe("5 new findings at or above **high** fail the gate; compared with fixtures/gate/base.yaml.");
    const table = tableAfter(text, "### New findings");
    expect(table).toHaveLength(2 + r.result.new.length);
    const rows = table.slice(2);
    expect(rows.slice(0, r.result.failing.length).every((row) => row.startsWith("| ❌"))).toBe(true);
    expect(rows.slice(r.result.failing.length).every((row) => row.includes("(below high)"))).toBe(true);
    for (const row of table) expect(cells(row)).toBe(7);
    expect(text).toContain("<details>\n<summary>Existing findings (3)</summary>");
    expect(text).toContain("<summary>Waived findings (2)</summary>");
    expect(text).toContain("<summary>Resolved findings (1)</summary>");
    expect(text.trimEnd().split("\n").at(-1)).toBe(
      "nhi-triage gate · reproduce locally: `nhi-triage gate fixtures/gate/head.yaml --base fixtures/gate/base.yaml --waivers fixtures/gate/waivers.yaml --now 2026-11-23`",
    );
  });

  it("keeps user text inside its cell and out of HTML", async () => {
    const text = formatGateMarkdown(await odd());
    const waived = tableAfter(text, "<summary>Waived findings");
    for (const row of waived) expect(cells(row)).toBe(8);
    expect(text).not.toContain("<script>");
    expect(text).toContain("&lt;script&gt;");
    expect(text).toContain("@&#8203;octocat");
    expect(text).toMatch(/> \[!WARNING\]\n> 1 expired waiver/);
    expect(text).toMatch(/> 1 stale waiver/);

    const hostileText = formatGateMarkdown(await hostileReport());
    const table = tableAfter(hostileText, "### New findings");
    expect(table).toHaveLength(3);
    for (const row of table) expect(cells(row)).toBe(7);
    expect(hostileText).not.toContain("<script>");
    expect(hostileText).not.toContain("\u0001");
  });

  it("says why a clean run passes", async () => {
    const text = formatGateMarkdown(await clean());
    expect(text.split("\n").slice(0, 3)).toEqual(["## ✅ nhi-triage gate passed", "", "No new finding at or above **high**; no base: every finding counts as new."]);
    expect(text).not.toContain("<details>");
  });
});

// ---------------------------------------------------------------- all

describe("gate formatters", () => {
  it("are deterministic: two runs of the gate give byte-identical output", async () => {
    const a = await odd();
    const b = await odd();
    for (const [name, format] of Object.entries(GATE_FORMATTERS)) {
      expect(format(a), name).toBe(format(b));
      expect(format(a), name).toBe(format(a));
    }
  });
});

describe("an unknown finding in every gate format", () => {
  const UNSTATED = read("fixtures/unknown/unrotated.yaml");
  const TITLE = "Credential not shown to be short-lived, or rotated within its max age";
  const unstated = () => report({ head: { file: "unstated.yaml", text: UNSTATED }, base: false, waivers: { file: "w.yaml", text: "apiVersion: nhi-triage/v1\nkind: Waivers\nwaivers: []\n" } });

  it("is one finding, in the rule's own words, that names the facts it lacks", async () => {
    const r = (await unstated()).result;
    expect(r.new.map((f) => [f.rule, f.title, f.severity, f.unknown, f.location.line])).toEqual([["NHI-STATIC-SECRET", TITLE, "medium", ["identity.credential.overdue"], 11]]);
    expect(r.new[0]!.evidence).toContain("identity key-payments: credential past its max age unknown (credential.lastRotated not recorded)");
  });

  it.each(Object.keys(GATE_FORMATTERS))("%s says it is unknown", async (format) => {
    const out = GATE_FORMATTERS[format as keyof typeof GATE_FORMATTERS](await unstated());
    const text = typeof out === "string" ? out : [...out].join("");
    if (format === "json") {
      const f = JSON.parse(text).new[0];
      expect([f.title, f.unknown]).toEqual([TITLE, ["identity.credential.overdue"]]);
    } else if (format === "sarif") {
      const res = (JSON.parse(text) as Log).runs[0]!.results![0]!;
      expect(res.message.text?.startsWith(`${TITLE} (unknown): identity:key-payments`)).toBe(true);
      expect(res.properties?.unknown).toEqual(["identity.credential.overdue"]);
    } else {
      expect(text).toContain(format === "text" ? "NHI-STATIC-SECRET  identity:key-payments (unknown)" : "(unknown)");
      // GitHub's command properties escape commas.
      expect(text).toContain(format === "github" ? TITLE.replace(",", "%2C") : TITLE);
    }
  });
});
