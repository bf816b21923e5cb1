import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { KINDS, leaks, samples, type SecretSample } from "../tools/secretSamples.js";
import { run, type Run } from "./run.js";

/*
 * The redaction matrix: every kind of secret × every field a user writes × every command
 * and format that can show that field, and an invalid variant of each file whose error
 * excerpts show the lines that hold the secrets. All of it runs through the real built
 * CLI (`npm run build` first), 29 runs in all: one input holds every kind at once, so the
 * number of runs does not grow with the kinds. Entry k of each list (identity, workflow
 * and step, agent, incident, waiver, rule, control, domain line, catalog entry) holds
 * sample k in each of its free fields, and the free-text fields of one more entry hold all
 * samples together. A sample's secret, and every 8-character piece of it, must be absent
 * from stdout and stderr.
 */

const SAMPLES = samples(20_261_123);
const q = (s: string): string => JSON.stringify(s);
const ALL = SAMPLES.map((s) => s.text).join(" ; ");
const NOW = ["--now", "2026-11-23"];

/** Ids that hold a secret: each kind in its own entry, so redacted ids stay unique. */
const ident = (k: number): string => `svc-${k} ${SAMPLES[k]!.text}`;
const wf = (k: number): string => `wf-${k} ${SAMPLES[k]!.text}`;
const agent = (k: number): string => `agent-${k} ${SAMPLES[k]!.text}`;

function inventory(): string {
  const lines = ["apiVersion: nhi-triage/v1", "kind: Inventory", "identities:"];
  SAMPLES.forEach((s, k) => {
    lines.push(
      `  - id: ${q(ident(k))}`,
      "    kind: service-account",
      `    owner: ${q(`team-${k} ${s.text}`)}`,
      `    usedBy: [${q(`team-a ${s.text}`)}, ${q(`team-b ${s.text}`)}]`,
      `    tenants: [${q(`tenant ${s.text}`)}]`,
      `    environments: [prod, ${q(`env ${s.text}`)}]`,
      "    credential: { type: static-secret, maxAge: 365d, lastRotated: '2024-01-01', storage: env-file }",
      `    privileges: ["prod:admin", ${q(`db:${s.text}`)}]`,
    );
  });
  lines.push(`  - { id: svc-all, kind: api-key, owner: ${q(ALL)}, privileges: [${q(ALL)}] }`, "workflows:");
  SAMPLES.forEach((s, k) => {
    lines.push(
      `  - id: ${q(wf(k))}`,
      `    engine: ${q(`argo ${s.text}`)}`,
      "    stateIsolation: shared",
      "    steps:",
      `      - id: ${q(`step-${k} ${s.text}`)}`,
      `        identity: ${q(ident(k))}`,
      "        privileged: true",
      "        retries: 3",
      `        compensation: ${q(`curl -X POST https://deploy.internal/undo ${s.text}`)}`,
    );
  });
  lines.push(`  - { id: wf-all, engine: ${q(ALL)}, steps: [{ id: step-all, compensation: ${q(ALL)} }] }`, "agents:");
  SAMPLES.forEach((s, k) => {
    lines.push(
      `  - id: ${q(agent(k))}`,
      `    identity: ${q(ident(k))}`,
      `    tools: [search, ${q(`shell ${s.text}`)}]`,
      `    delegatesTo: [${q(agent((k + 1) % SAMPLES.length))}]`,
      "    inheritsScope: true",
    );
  });
  return `${lines.join("\n")}\n`;
}

function incident(k: number | "all"): string {
  const text = k === "all" ? ALL : SAMPLES[k]!.text;
  const block = (k === "all" ? SAMPLES.map((s) => s.text) : [text]).flatMap((t) => t.split("\n")).map((l) => `  ${l}`);
  const affected =
    k === "all"
      ? "affected: { identities: [svc-all], workflows: [wf-all] }"
      : `affected: { identities: [${q(ident(k))}], workflows: [${q(wf(k))}], agents: [${q(agent(k))}] }`;
  return [
    "apiVersion: nhi-triage/v1",
    "kind: Incident",
    `id: ${q(`INC-${k} ${k === "all" ? "all" : text}`)}`,
    `title: ${q(`Deploy printed ${text}`)}`,
    "description: |",
    "  The job retried and replayed the step; the log showed:",
    ...block,
    "symptoms:",
    `  - { code: leaked-secret, note: ${q(`seen in the log: ${text}`)} }`,
    affected,
    "",
  ].join("\n");
}

function waivers(): string {
  const lines = ["apiVersion: nhi-triage/v1", "kind: Waivers", "waivers:"];
  SAMPLES.forEach((s, k) => {
    lines.push(`  - { rule: NHI-NO-OWNER, subject: ${q(`identity:svc-${k}*`)}, reason: ${q(`rotating ${s.text}`)}, owner: ${q(`owner ${s.text}`)}, expires: 2099-01-01 }`);
    // Matches nothing, so its stale warning quotes the subject (which cannot hold whitespace).
    if (!/\s/.test(s.text)) lines.push(`  - { rule: NHI-SHARED-BY-TEAMS, subject: ${q(`identity:gone-${s.text}`)}, reason: r, owner: o, expires: 2099-01-01 }`);
  });
  lines.push(`  - { rule: NHI-NO-OWNER, subject: identity:svc-all, reason: ${q(ALL)}, owner: ${q(ALL)}, expires: 2000-01-01 }`);
  return `${lines.join("\n")}\n`;
}

/** A rule pack whose own text (titles, reasoning, controls, domain lines, catalog entries) holds the secrets. */
function pack(dir: string): void {
  mkdirSync(join(dir, "rules"), { recursive: true });
  mkdirSync(join(dir, "frameworks"), { recursive: true });
  const texts = [...SAMPLES.map((s) => s.text), ALL];
  writeFileSync(
    join(dir, "domain.yaml"),
    ["apiVersion: nhi-triage/v1", "kind: DomainReasoning", "lines:", ...texts.map((t, k) => `  - { key: acme.line-${k}, text: ${q(`Reason ${t}`)} }`), ""].join("\n"),
  );
  writeFileSync(
    join(dir, "frameworks", "acme.yaml"),
    [
      "framework: acme",
      "title: Acme catalog",
      "group: other",
      "entries:",
      ...texts.map((t, k) => `  - { id: ACME-${k}, title: ${q(`Entry ${t}`)}, display: ${q(`ACME-${k} ${t}`)}, summary: ${q(`About ${t}`)}, level: control }`),
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "controls.yaml"),
    [
      "apiVersion: nhi-triage/v1",
      "kind: Controls",
      "controls:",
      ...texts.map((t, k) => `  - { id: CTL-ACME-${k}, title: ${q(`Rotate ${t}`)}, layer: identity, what: ${q(`Revoke ${t}`)}, refs: [NHI2:2025, PR.AA-05, MAESTRO-L4, ACME-${k}] }`),
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "rules", "acme.yaml"),
    [
      "apiVersion: nhi-triage/v1",
      "kind: RuleSet",
      "rules:",
      ...texts.map(
        (t, k) =>
          `  - { id: ACME-SECRET-${k}, title: ${q(`Leaked ${t}`)}, defect: attribution, severity: high, weight: 1, subject: incident, when: { symptom: leaked-secret }, reasoning: ${q(`Because ${t}`)}, controls: [CTL-ACME-${k}], refs: [NHI2:2025, ACME-${k}], encodes: [acme.line-${k}] }`,
      ),
      "",
    ].join("\n"),
  );
}

function answers(): string {
  return [
    "apiVersion: nhi-triage/v1",
    "kind: Answers",
    "answers:",
    "  seen: [unsure]",
    `  title: ${q(`Answered ${ALL}`)}`,
    "  description: |",
    ...SAMPLES.flatMap((s) => s.text.split("\n")).map((l) => `    ${l}`),
    `  incident-id: ${q(`INC-ANS ${SAMPLES[0]!.text}`)}`,
    "",
  ].join("\n");
}

/** Each invalid variant puts a secret on every line that has an error, so every excerpt shows one. */
function badInventory(): string {
  const lines = ["apiVersion: nhi-triage/v1", "kind: Inventory", "identities:"];
  SAMPLES.forEach((s, k) => {
    lines.push(`  - { id: bad-${k}, kind: ${q(s.text)}, owner: { x: ${q(s.text)} } }`);
    lines.push(`  - { id: bad-c${k}, kind: api-key, credential: { type: ${q(s.text)}, storage: ${q(s.text)}, maxAge: ${q(s.text)}, lastRotated: ${q(s.text)} } }`);
    lines.push(`  - { id: bad-f${k}, kind: api-key, ${q(`field ${k}`)}: ${q(s.text)} }`);
  });
  lines.push("workflows:");
  SAMPLES.forEach((s, k) => lines.push(`  - { id: w-${k}, stateIsolation: ${q(s.text)}, steps: [{ id: s, identity: ${q(`nobody ${s.text}`)}, retries: ${q(s.text)} }] }`));
  lines.push("agents:");
  SAMPLES.forEach((s, k) => lines.push(`  - { id: a-${k}, identity: ${q(`nobody ${s.text}`)}, delegatesTo: [${q(`ghost ${s.text}`)}], runtimeAuthorization: ${q(s.text)} }`));
  return `${lines.join("\n")}\n`;
}

function badIncident(): string {
  return [
    "apiVersion: nhi-triage/v1",
    "kind: Incident",
    "id: INC-BAD",
    "symptoms:",
    ...SAMPLES.map((s) => `  - { code: ${q(s.text)}, note: ${q(s.text)} }`),
    "affected:",
    `  identities: [${SAMPLES.map((s) => q(`unknown ${s.text}`)).join(", ")}]`,
    ...SAMPLES.map((s, k) => `${q(`extra-${k}`)}: ${q(s.text)}`),
    "",
  ].join("\n");
}

function badWaivers(): string {
  const lines = ["apiVersion: nhi-triage/v1", "kind: Waivers", "waivers:"];
  SAMPLES.forEach((s) => {
    lines.push(`  - { rule: ${q(s.text)}, subject: ${q(`nonsense ${s.text}`)}, reason: ${q(s.text)}, owner: ${q(s.text)}, expires: ${q(s.text)} }`);
  });
  return `${lines.join("\n")}\n`;
}

function badAnswers(): string {
  return ["apiVersion: nhi-triage/v1", "kind: Answers", "answers:", ...SAMPLES.map((s, k) => `  ${q(`question-${k}`)}: ${q(s.text)}`), `  seen: [${SAMPLES.map((s) => q(s.text)).join(", ")}]`, ""].join("\n");
}

function badConfig(): string {
  return ["apiVersion: nhi-triage/v1", "kind: Config", "rules:", ...SAMPLES.map((s) => `  ${q(s.text)}: off`), ...SAMPLES.map((s, k) => `${q(`key-${k}`)}: ${q(s.text)}`), ""].join("\n");
}

function badPack(dir: string): void {
  mkdirSync(join(dir, "rules"), { recursive: true });
  writeFileSync(
    join(dir, "rules", "bad.yaml"),
    [
      "apiVersion: nhi-triage/v1",
      "kind: RuleSet",
      "rules:",
      ...SAMPLES.map(
        (s, k) =>
          `  - { id: ACME-BAD-${k}, title: t, defect: attribution, severity: high, weight: 1, subject: incident, when: { fact: ${q(s.text)}, equals: x }, reasoning: r, controls: [CTL-LEAST-PRIVILEGE], refs: [${q(s.text)}], encodes: [${q(s.text)}] }`,
      ),
      "",
    ].join("\n"),
  );
}

/** A YAML syntax error on a line that holds each secret (one file per kind: a parse stops at its first error). */
function brokenYaml(s: SecretSample): string {
  return `apiVersion: nhi-triage/v1\nkind: Incident\nid: I-1\ndescription: "${s.text.replace(/\n/g, "\\n")} [unclosed\n  title: x\n`;
}

interface Files {
  dir: string;
  incidents: string;
  inventory: string;
  waivers: string;
  pack: string;
  answers: string;
  config: string;
}

/** Written once for the whole matrix, removed after it. */
function files(): Files {
  const dir = mkdtempSync(join(tmpdir(), "nhi-matrix-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const f: Files = {
    dir,
    incidents: join(dir, "incidents"),
    inventory: join(dir, "inventory.yaml"),
    waivers: join(dir, "waivers.yaml"),
    pack: join(dir, "pack"),
    answers: join(dir, "answers.yaml"),
    config: join(dir, "config.yaml"),
  };
  mkdirSync(f.incidents);
  SAMPLES.forEach((_, k) => writeFileSync(join(f.incidents, `inc-${String(k).padStart(2, "0")}.yaml`), incident(k)));
  writeFileSync(join(f.incidents, "inc-all.yaml"), incident("all"));
  writeFileSync(f.inventory, inventory());
  writeFileSync(f.waivers, waivers());
  pack(f.pack);
  writeFileSync(f.answers, answers());
  // A valid config whose overrides are echoed as notes.
  writeFileSync(f.config, "apiVersion: nhi-triage/v1\nkind: Config\nrules:\n  NHI-NO-OWNER: low\n");
  return f;
}

/** Every sample's secret, and every piece of it of 8 characters, absent from both streams. */
function expectNoLeak(r: Run): void {
  const found = SAMPLES.flatMap((s) =>
    (["stdout", "stderr"] as const).flatMap((stream) => {
      const shown = leaks(r[stream], s.secret);
      return shown.length ? [`${s.kind} on ${stream}: ${shown.length} pieces, e.g. ${shown[0]}`] : [];
    }),
  );
  expect(found).toEqual([]);
}

describe("redaction matrix: every kind × every field × every command and format (real CLI)", () => {
  it("has a sample of every kind the redactor must catch", () => {
    expect(KINDS).toEqual(expect.arrayContaining(["azure-sas", "url-password-percent", "url-password-dollar", "url-password-hash", "shopify-token", "docker-pat", "digitalocean-token", "databricks-token", "twilio-key", "datadog-key"]));
    expect(KINDS).toEqual(expect.arrayContaining(["aws-access-key", "aws-secret-key", "github-token", "private-key", "url-password", "connection-string-password", "jwt", "slack-token", "high-entropy"]));
  });

  const x = files();

  it.each(["text", "json", "ndjson", "markdown", "sarif"])("analyze --format %s", (format) => {
    const r = run(["--config", x.config, "analyze", x.incidents, "--inventory", x.inventory, "--rules", x.pack, "--format", format, ...NOW]);
    expect(r.code, r.stderr).toBe(0);
    expectNoLeak(r);
    expect(r.stdout).toContain("ACME-SECRET-");
    expect(r.stdout).toContain("REDACTED(");
  });

  it.each(["text", "json", "sarif", "junit", "github", "markdown"])("gate --format %s", (format) => {
    const r = run(["--config", x.config, "gate", x.inventory, "--waivers", x.waivers, "--rules", x.pack, "--format", format, ...NOW]);
    expect(r.code, r.stderr).toBe(1);
    expectNoLeak(r);
    expect(r.stdout).toContain("REDACTED(");
    expect(r.stderr).toContain("stale waiver");
  });

  it.each(["text", "json", "markdown"])("interview --answers --format %s", (format) => {
    const r = run(["interview", "--answers", x.answers, "--inventory", x.inventory, "--rules", x.pack, "--format", format, "--save", join(x.dir, `saved-${format}.yaml`), ...NOW]);
    expect(r.code, r.stderr).toBe(0);
    expectNoLeak(r);
    expect(r.stdout).toContain("REDACTED(");
  });

  it.each([
    ["rules list", () => ["rules", "list", "--rules", x.pack]],
    ["rules list --format json", () => ["rules", "list", "--rules", x.pack, "--format", "json"]],
    ["rules show", () => ["rules", "show", `ACME-SECRET-${SAMPLES.length}`, "--rules", x.pack]],
    ["rules show (a control)", () => ["rules", "show", `CTL-ACME-${SAMPLES.length}`, "--rules", x.pack]],
    ["refs --framework", () => ["refs", "--framework", "acme", "--rules", x.pack]],
    ["refs --framework --format json", () => ["refs", "--framework", "acme", "--rules", x.pack, "--format", "json"]],
    ["refs <id>", () => ["refs", `ACME-${SAMPLES.length}`, "--rules", x.pack]],
  ])("%s", (_name, args) => {
    const r = run(args());
    expect(r.code, r.stderr).toBe(0);
    expectNoLeak(r);
    expect(r.stdout).toContain("REDACTED(");
  });

  describe("error excerpts: an invalid variant of each file, an error on every line that holds a secret", () => {
    it.each([
      ["inventory (gate)", () => (writeFileSync(join(x.dir, "bad-inv.yaml"), badInventory()), ["gate", join(x.dir, "bad-inv.yaml")])],
      ["inventory (analyze --inventory)", () => (writeFileSync(join(x.dir, "bad-inv.yaml"), badInventory()), ["analyze", join(x.incidents, "inc-00.yaml"), "--inventory", join(x.dir, "bad-inv.yaml")])],
      ["incident", () => (writeFileSync(join(x.dir, "bad-inc.yaml"), badIncident()), ["analyze", join(x.dir, "bad-inc.yaml"), "--inventory", x.inventory])],
      ["waivers", () => (writeFileSync(join(x.dir, "bad-w.yaml"), badWaivers()), ["gate", x.inventory, "--waivers", join(x.dir, "bad-w.yaml")])],
      ["answers", () => (writeFileSync(join(x.dir, "bad-ans.yaml"), badAnswers()), ["interview", "--answers", join(x.dir, "bad-ans.yaml")])],
      ["config", () => (writeFileSync(join(x.dir, "bad-config.yaml"), badConfig()), ["--config", join(x.dir, "bad-config.yaml"), "gate", x.inventory])],
      ["rule pack", () => (badPack(join(x.dir, "bad-pack")), ["rules", "list", "--rules", join(x.dir, "bad-pack")])],
    ])("%s", (_name, args) => {
      const r = run(args());
      expect(r.code, r.stderr).toBe(2);
      expectNoLeak(r);
      // Each error shows its line: there are at least as many excerpts as kinds.
      expect(r.stderr.match(/^ {2,}\d+ \| /gm)?.length ?? 0).toBeGreaterThanOrEqual(SAMPLES.length);
      expect(r.stderr).toContain("REDACTED(");
    });

    it("YAML syntax errors, one file per kind", () => {
        const paths = SAMPLES.map((s, k) => {
        const p = join(x.dir, `broken-${k}.yaml`);
        writeFileSync(p, brokenYaml(s));
        return p;
      });
      const r = run(["analyze", ...paths]);
      expect(r.code).toBe(2);
      expectNoLeak(r);
      expect(r.stderr.match(/invalid YAML/g)?.length).toBe(SAMPLES.length);
    });
  });
});
