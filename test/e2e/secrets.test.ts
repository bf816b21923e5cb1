import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers.js";
import { run, type Run } from "./run.js";

// Fake but realistic: AWS's documented example key pair, a made-up GitHub token, a PEM
// header and a connection string, as people paste them into tickets and inventories.
const AWS_ID = "AKIAIOSFODNN7EXAMPLE";
const AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const GHP = "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
const PEM = "-----BEGIN RSA PRIVATE KEY-----";
const DB_URL = "postgres://app:hunter2@db/x";
/** What must never come out, whole or in telling parts. */
const RAW = [AWS_ID, AWS_SECRET, "wJalrXUtnFEMI", GHP, "A1b2C3d4E5f6G7h8", "BEGIN RSA PRIVATE KEY", DB_URL, "hunter2"];
const NOW = ["--now", "2026-11-23"];

const INCIDENT = `apiVersion: nhi-triage/v1
kind: Incident
id: INC-SECRETS
title: Deploy job failed and printed its environment
description: |
  The deploy log showed AWS_ACCESS_KEY_ID=${AWS_ID} and
  aws_secret_access_key: ${AWS_SECRET}, the bot token ${GHP}
  and the database URL ${DB_URL}. Someone also pasted ${PEM} into the channel.
symptoms:
  - { code: faulty-change, note: "the change added ${GHP} to the job" }
affected:
  identities: [svc-deploy, svc-db]
`;

const INVENTORY = `apiVersion: nhi-triage/v1
kind: Inventory
identities:
  - id: svc-deploy
    kind: service-account
    owner: team-platform
    credential: { type: short-lived-token, maxAge: 1h, storage: secret-manager }
    privileges: [deploy:write, "${AWS_ID}"]
  - id: svc-db
    kind: service-account
    owner: "${DB_URL}"
    credential: { type: short-lived-token, maxAge: 1h, storage: secret-manager }
    privileges: [db:read]
workflows:
  - id: wf-deploy
    engine: argo
    steps:
      - id: rollback
        identity: svc-deploy
        compensation: "curl -H 'Authorization: token ${GHP}' https://deploy.internal/undo"
`;

const WAIVERS = `apiVersion: nhi-triage/v1
kind: Waivers
waivers:
  - rule: NHI-SECRET-VALUE-IN-IDENTITY
    subject: identity:svc-db
    reason: "rotating ${GHP} next sprint"
    owner: team-platform
    expires: 2099-01-01
  - rule: NHI-NO-OWNER
    subject: "identity:${AWS_ID}"
    reason: matches nothing, so it is reported as stale with its subject
    owner: team-platform
    expires: 2099-01-01
`;

/** A schema error on the very line that holds the secret. */
const BAD_INVENTORY = `apiVersion: nhi-triage/v1
kind: Inventory
identities:
  - id: svc-x
    kind: service-account
    aws_secret_access_key: ${AWS_SECRET}
    owner: { token: ${GHP} }
`;

function files(): Record<"incident" | "inventory" | "waivers" | "bad", string> {
  const dir = tempDir("nhi-secrets-");
  const out = { incident: join(dir, "incident.yaml"), inventory: join(dir, "inventory.yaml"), waivers: join(dir, "waivers.yaml"), bad: join(dir, "bad.yaml") };
  writeFileSync(out.incident, INCIDENT);
  writeFileSync(out.inventory, INVENTORY);
  writeFileSync(out.waivers, WAIVERS);
  writeFileSync(out.bad, BAD_INVENTORY);
  return out;
}

function expectNoSecret(r: Run): void {
  for (const raw of RAW) {
    expect(r.stdout, `stdout holds ${raw}`).not.toContain(raw);
    expect(r.stderr, `stderr holds ${raw}`).not.toContain(raw);
  }
}

describe("secrets are never echoed (end to end)", () => {
  it.each(["text", "json", "ndjson", "markdown", "sarif"])("analyze --format %s: redacted everywhere, and the leak is reported", (format) => {
    const f = files();
    const r = run(["analyze", f.incident, "--inventory", f.inventory, "--format", format, ...NOW]);
    expect(r.code).toBe(0);
    expectNoSecret(r);
    expect(r.stdout).toContain("ID-LEAKED-SECRET");
    expect(r.stdout).toContain("NHI-SECRET-VALUE-IN-IDENTITY");
    expect(r.stdout).toContain("REDACTED(");
    expect(r.stdout).toContain("aws-access-key");
  });

  it("analyze from standard input: the same", () => {
    const r = run(["analyze", "-", "--format", "json"], { input: INCIDENT.replace(/affected:[\s\S]*$/, "") });
    expect(r.code).toBe(0);
    expectNoSecret(r);
    expect(JSON.parse(r.stdout).symptoms).toContainEqual(
      expect.objectContaining({ code: "leaked-secret", phrase: expect.stringContaining("in the incident text, redacted") }),
    );
  });

  it.each(["text", "json", "sarif", "junit", "github", "markdown"])("gate --format %s: redacted everywhere, finding reported, waiver reason and warnings redacted", (format) => {
    const f = files();
    const r = run(["gate", f.inventory, "--waivers", f.waivers, "--format", format, ...NOW]);
    expect(r.code).toBe(1);
    expectNoSecret(r);
    expect(r.stdout).toContain("NHI-SECRET-VALUE-IN-IDENTITY");
    expect(r.stdout).toContain("NHI-SECRET-VALUE-IN-STEP");
    // The stale waiver's warning quotes its subject, which held a key id.
    expect(r.stderr).toContain("identity:REDACTED(aws-access-key)");
  });

  it("gate: the finding points at the line that held the value", () => {
    const f = files();
    const doc = JSON.parse(run(["gate", f.inventory, "--format", "json", ...NOW]).stdout);
    const findings = (doc.new as Array<{ rule: string; line: number }>).filter((x) => x.rule.startsWith("NHI-SECRET-VALUE-IN-"));
    expect(findings.map((x) => `${x.rule}@${x.line}`).sort()).toEqual([
      "NHI-SECRET-VALUE-IN-IDENTITY@11",
      "NHI-SECRET-VALUE-IN-IDENTITY@8",
      "NHI-SECRET-VALUE-IN-STEP@20",
    ]);
  });

  it.each([
    ["gate", (f: ReturnType<typeof files>) => ["gate", f.bad]],
    ["analyze --inventory", (f: ReturnType<typeof files>) => ["analyze", f.incident, "--inventory", f.bad]],
  ])("%s: a schema error on the secret's line shows the excerpt redacted, caret on the field", (_name, args) => {
    const f = files();
    const r = run(args(f));
    expect(r.code).toBe(2);
    expectNoSecret(r);
    expect(r.stderr).toMatch(/bad\.yaml:6:5 {2}error {2}unknown field "aws_secret_access_key"/);
    expect(r.stderr).toContain("    6 |     aws_secret_access_key: REDACTED(aws-secret-key)\n      |     ^");
    expect(r.stderr).toMatch(/bad\.yaml:7:12 {2}error {2}identities\[0\]\.owner: expected string, got a mapping/);
    expect(r.stderr).toContain("{ token: REDACTED(github-token) }");
  });

  it("invalid YAML on the secret's line: the excerpt is redacted too", () => {
    const dir = tempDir("nhi-secrets-");
    const file = join(dir, "broken.yaml");
    writeFileSync(file, `apiVersion: nhi-triage/v1\nkind: Incident\nid: I-1\ndescription: "${GHP} [unclosed\n  title: x\n`);
    const r = run(["analyze", file]);
    expect(r.code).toBe(2);
    expectNoSecret(r);
    expect(r.stderr).toMatch(/broken\.yaml:\d+:\d+ {2}error {2}invalid YAML/);
  });

  it("a secret in a command-line value is not echoed in the usage error", () => {
    const r = run(["analyze", "x.yaml", "--format", GHP]);
    expect(r.code).toBe(2);
    expectNoSecret(r);
  });
});
