import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { applyOverrides } from "../../src/engine/applyOverrides.js";
import { buildSubjects } from "../../src/engine/buildSubjects.js";
import { isExpired } from "../../src/gate/applyWaivers.js";
import { changeFindings } from "../../src/gate/changeFindings.js";
import { fingerprint } from "../../src/gate/fingerprint.js";
import { subjectMatcher } from "../../src/gate/matchSubject.js";
import { postureFindings } from "../../src/gate/postureFindings.js";
import { runGate } from "../../src/gate/runGate.js";
import type { GateFinding } from "../../src/gate/types.js";
import { loadDocument } from "../../src/load/loadDocument.js";
import { loadInventory } from "../../src/load/loadInventory.js";
import { RuleCasesFile } from "../../src/load/schema/cases.js";
import { API_VERSION } from "../../src/load/schema/common.js";
import { comparesEntries, type ConfigChangeRule } from "../../src/load/schema/rules.js";
import { configWeakenings, type GateSettingsSide, type WeakeningPlaces } from "../../src/gate/configWeakenings.js";
import { builtinPack, extraPackProblems, NOW, ROOT, RULES_DIR } from "../helpers.js";

const inv = (text: string, file = "inv.yaml") => loadInventory(file, `apiVersion: nhi-triage/v1\nkind: Inventory\n${text}`);
const HEAD = `${ROOT}fixtures/gate/head.yaml`;

describe("gate posture findings", () => {
  it("keep their fingerprints when unrelated lines are inserted above them", async () => {
    const pack = await builtinPack();
    const text = readFileSync(HEAD, "utf8");
    const shifted = text.replace(
      "identities:\n",
      "# a comment a reviewer added\n\nidentities:\n  - id: aaa-new-and-healthy\n    kind: workload\n    owner: team-x\n    usedBy: [team-x]\n    environments: [prod]\n    credential: { type: workload-identity, storage: secret-manager }\n    privileges: [queue:read]\n    humanUse: false\n    lastUsed: 2026-11-22\n",
    );
    const before = postureFindings(pack, loadInventory("head.yaml", text), NOW);
    const after = postureFindings(pack, loadInventory("head.yaml", shifted), NOW);
    expect(before.length).toBeGreaterThan(3);
    expect(after.map((f) => f.fingerprint).sort()).toEqual(before.map((f) => f.fingerprint).sort());
    const lines = new Map(before.map((f) => [f.fingerprint, f.location.line]));
    for (const f of after) expect(f.location.line).toBe(lines.get(f.fingerprint)! + 11);
  });

  it("fingerprint is rule id plus subject and nothing else", () => {
    expect(fingerprint("NHI-NO-OWNER", "identity:a")).toBe(fingerprint("NHI-NO-OWNER", "identity:a"));
    expect(fingerprint("NHI-NO-OWNER", "identity:a")).not.toBe(fingerprint("NHI-NO-OWNER", "identity:b"));
    expect(fingerprint("NHI-NO-OWNER", "identity:a")).toMatch(/^[0-9a-f]{32}$/);
  });

  it("point at the line of the fact that triggered them, never at line 0", async () => {
    const pack = await builtinPack();
    const i = inv("identities:\n  - id: k\n    kind: api-key\n    owner: t\n    credential:\n      type: static-secret\n      maxAge: 365d\n      storage: env-file\n");
    const at = new Map(postureFindings(pack, i, NOW).map((f) => [f.rule, `${f.location.line}:${f.location.column}`]));
    expect(at.get("NHI-SECRET-IN-CODE")).toBe("10:16");
    expect(at.get("NHI-STATIC-SECRET")).toBe("9:15");
    const noOwner = postureFindings(pack, inv("identities:\n  - id: k\n    kind: bot\n"), NOW);
    expect(noOwner.find((f) => f.rule === "NHI-NO-OWNER")?.location).toEqual({ file: "inv.yaml", line: 4, column: 5 });
  });

  it("agree with analyze on every built-in rule case for inventory rules (positive and negative)", async () => {
    const pack = await builtinPack();
    const inventoryRules = new Set(pack.rules.filter((r) => r.scope === "inventory").map((r) => r.id));
    const covered = { fires: new Set<string>(), silent: new Set<string>() };
    // The built-in cases, and the source rules' cases, each against its own inventory.
    for (const name of ["builtin.yaml", "source-aws.yaml", "source-azure.yaml", "source-gcp.yaml", "source-github.yaml", "source-kubernetes.yaml", "source-terraform.yaml"]) {
      const casesPath = `${RULES_DIR}/cases/${name}`;
      const cases = loadDocument(casesPath, readFileSync(casesPath, "utf8"), RuleCasesFile, "RuleCases").value;
      const inventory = loadInventory(`${RULES_DIR}/cases/${cases.inventory}`, readFileSync(`${RULES_DIR}/cases/${cases.inventory}`, "utf8"));
      const gate = postureFindings(pack, inventory, Date.parse(cases.now!));
      for (const c of cases.cases) {
        if (c.incident.symptoms?.length || c.incident.description) continue;
        const subjects = new Set(buildSubjects({ apiVersion: API_VERSION, kind: "Incident", id: c.name, ...c.incident }, inventory).map((s) => s.ref));
        const fired = new Set(gate.filter((f) => subjects.has(f.subject)).map((f) => f.rule));
        for (const id of (c.fires ?? []).filter((r) => inventoryRules.has(r))) {
          expect(fired.has(id), `${c.name}: ${id} should fire in the gate`).toBe(true);
          covered.fires.add(id);
        }
        for (const id of (c.silent ?? []).filter((r) => inventoryRules.has(r))) {
          expect(fired.has(id), `${c.name}: ${id} should stay silent in the gate`).toBe(false);
          covered.silent.add(id);
        }
      }
    }
    expect([...inventoryRules].filter((r) => !covered.fires.has(r) || !covered.silent.has(r))).toEqual([]);
  });
});

describe("gate change rules", () => {
  const base = `identities:
  - id: a
    kind: service-account
    owner: team-a
    usedBy: [team-a]
    tenants: [acme]
    credential: { type: workload-identity, maxAge: 30d, storage: vault }
    privileges: [repo:read]
workflows:
  - id: w
    steps:
      - { id: s, privileged: true, retries: 1, idempotent: false }
agents:
  - { id: bot, tools: [tickets:read], runtimeAuthorization: true }
`;
  const cases: Array<[string, string, string]> = [
    ["CHANGE-PRIVILEGES-WIDENED", "privileges: [repo:read]", "privileges: [repo:read, repo:write]"],
    ["CHANGE-OWNER-REMOVED", "    owner: team-a\n", ""],
    ["CHANGE-CREDENTIAL-WEAKENED", "type: workload-identity", "type: static-secret"],
    ["CHANGE-STORAGE-WEAKENED", "storage: vault", "storage: ci-variable"],
    ["CHANGE-MAX-AGE-RAISED", "maxAge: 30d", "maxAge: 90d"],
    ["CHANGE-NEW-CONSUMER-TEAM", "usedBy: [team-a]", "usedBy: [team-a, team-b]"],
    ["CHANGE-NEW-TENANT", "tenants: [acme]", "tenants: [acme, globex]"],
    ["CHANGE-AGENT-TOOLS-ADDED", "tools: [tickets:read]", "tools: [tickets:read, db:write]"],
    ["CHANGE-PRIVILEGED-RETRIES-RAISED", "retries: 1", "retries: 5"],
  ];
  const negatives: Array<[string, string, string]> = [
    ["CHANGE-PRIVILEGES-WIDENED", "privileges: [repo:read]", "privileges: []"],
    ["CHANGE-OWNER-REMOVED", "owner: team-a", "owner: team-b"],
    ["CHANGE-CREDENTIAL-WEAKENED", "type: workload-identity", "type: workload-identity"],
    ["CHANGE-STORAGE-WEAKENED", "storage: vault", "storage: secret-manager"],
    ["CHANGE-MAX-AGE-RAISED", "maxAge: 30d", "maxAge: 1d"],
    ["CHANGE-NEW-CONSUMER-TEAM", "usedBy: [team-a]", "usedBy: []"],
    ["CHANGE-NEW-TENANT", "tenants: [acme]", "tenants: [acme]"],
    ["CHANGE-AGENT-TOOLS-ADDED", "tools: [tickets:read]", "tools: []"],
    ["CHANGE-PRIVILEGED-RETRIES-RAISED", "retries: 1, idempotent: false", "retries: 5, idempotent: true"],
  ];

  it("cover every built-in change rule on inventory entries with a positive and a negative case", async () => {
    const ids = (await builtinPack()).changes.filter(comparesEntries).map((c) => c.id).sort();
    expect([...new Set(cases.map((c) => c[0]))].sort()).toEqual(ids);
    expect([...new Set(negatives.map((c) => c[0]))].sort()).toEqual(ids);
  });

  it.each(cases)("%s fires when %s becomes %s", async (rule, from, to) => {
    const pack = await builtinPack();
    const found = changeFindings(pack.changes, inv(base), inv(base.replace(from, to), "head.yaml"), NOW, pack.privileges);
    expect(found.map((f) => f.rule)).toEqual([rule]);
    expect(found[0]!.location.file).toBe("head.yaml");
    expect(found[0]!.location.line).toBeGreaterThan(2);
    expect(found[0]!.evidence[0]).toMatch(/gained|removed|weakened|raised/);
  });

  it.each(negatives)("%s stays silent when %s becomes %s", async (rule, from, to) => {
    const pack = await builtinPack();
    const found = changeFindings(pack.changes, inv(base), inv(base.replace(from, to)), NOW, pack.privileges);
    expect(found.map((f) => f.rule)).not.toContain(rule);
  });

  it("a removed limit counts as raised, and a credential type removed counts as weakened", async () => {
    const pack = await builtinPack();
    const head = base.replace("credential: { type: workload-identity, maxAge: 30d, storage: vault }", "credential: { storage: vault }");
    const rules = changeFindings(pack.changes, inv(base), inv(head), NOW, pack.privileges).map((f) => `${f.rule}: ${f.evidence[0]}`);
    expect(rules).toEqual([
      "CHANGE-CREDENTIAL-WEAKENED: identity a: credential type weakened from workload-identity to unknown",
      "CHANGE-MAX-AGE-RAISED: identity a: credential max age (days) raised from 30 to no recorded limit",
    ]);
  });

  it("entries new in the head are left to the posture rules", async () => {
    const pack = await builtinPack();
    const head = base.replace("identities:\n", "identities:\n  - { id: fresh, kind: bot, privileges: ['*'] }\n");
    expect(changeFindings(pack.changes, inv(base), inv(head), NOW, pack.privileges)).toEqual([]);
  });
});

describe("gate settings weakened between the base commit and the head", () => {
  const side = (over: Partial<GateSettingsSide> = {}): GateSettingsSide => ({
    failOn: "high",
    rules: new Map([
      ["NHI-SECRET-IN-CODE", "critical"],
      ["NHI-HUMAN-USE", "medium"],
      ["ACME-ONE", "high"],
      ["ACME-TWO", "high"],
    ]),
    packs: new Map([["packs/acme", ["ACME-ONE", "ACME-TWO"]]]),
    waivers: "waivers.yaml",
    overrides: {},
    config: ".nhi-triage.yaml",
    ...over,
  });
  const without = (m: ReadonlyMap<string, string>, ...ids: string[]) => new Map([...m].filter(([id]) => !ids.includes(id))) as GateSettingsSide["rules"];
  const places: WeakeningPlaces = {
    failOn: () => ({ file: ".nhi-triage.yaml", line: 3, column: 9 }),
    waivers: () => ({ file: ".nhi-triage.yaml", line: 4, column: 10 }),
    rulePacks: () => ({ file: ".nhi-triage.yaml", line: 5, column: 1 }),
    rule: (id, byOverride) => ({ file: byOverride ? ".nhi-triage.yaml" : "packs/acme/rules.yaml", line: id.length, column: 3 }),
  };
  const rule = async () => (await builtinPack()).changes.filter((c): c is ConfigChangeRule => !comparesEntries(c));
  const base = side();
  const positives: Array<[string, GateSettingsSide, string]> = [
    ["failOn raised", side({ failOn: "critical" }), "config:failOn: failOn raised from high to critical by .nhi-triage.yaml: new high findings would no longer fail the gate"],
    ["a rule turned off", side({ rules: without(base.rules, "NHI-SECRET-IN-CODE"), overrides: { "NHI-SECRET-IN-CODE": "off" } }), "config:rules/NHI-SECRET-IN-CODE: NHI-SECRET-IN-CODE (critical) turned off by .nhi-triage.yaml"],
    ["a rule lowered", side({ rules: new Map([...base.rules, ["NHI-HUMAN-USE", "info"]]), overrides: { "NHI-HUMAN-USE": "info" } }), "config:rules/NHI-HUMAN-USE: NHI-HUMAN-USE severity lowered from medium to info by .nhi-triage.yaml"],
    ["a rule lowered in its pack", side({ rules: new Map([...base.rules, ["ACME-ONE", "low"]]) }), "config:rules/ACME-ONE: ACME-ONE severity lowered from high to low in rule pack packs/acme"],
    ["a rule gone from its pack", side({ rules: without(base.rules, "ACME-TWO"), packs: new Map([["packs/acme", ["ACME-ONE"]]]) }), "config:rules/ACME-TWO: ACME-TWO (high) no longer defined in rule pack packs/acme"],
    ["a pack removed", side({ rules: without(base.rules, "ACME-ONE", "ACME-TWO"), packs: new Map() }), "config:rulePacks/packs/acme: rule pack packs/acme removed by .nhi-triage.yaml: ACME-ONE, ACME-TWO would no longer run"],
    ["the waivers file swapped", side({ waivers: "other.yaml" }), "config:waivers: waivers file swapped from waivers.yaml to other.yaml by .nhi-triage.yaml"],
  ];
  const negatives: Array<[string, GateSettingsSide]> = [
    ["nothing changed", side()],
    ["failOn lowered", side({ failOn: "medium" })],
    ["a rule raised", side({ rules: new Map([...base.rules, ["NHI-HUMAN-USE", "critical"]]), overrides: { "NHI-HUMAN-USE": "critical" } })],
    ["a pack added", side({ rules: new Map([...base.rules, ["NEW-ONE", "low"]]), packs: new Map([...base.packs, ["packs/new", ["NEW-ONE"]]]) })],
    ["a pack moved with its rules", side({ packs: new Map([["packs/acme-v2", ["ACME-ONE", "ACME-TWO"]]]) })],
    ["the waivers file dropped", side({ waivers: undefined })],
  ];

  it.each(positives)("%s is a finding of GATE-CONFIG-WEAKENED, placed in the head", async (_name, head, expected) => {
    const found = configWeakenings(await rule(), base, head, places);
    expect(found.map((f) => `${f.subject}: ${f.evidence.join("; ")}`)).toEqual([expected]);
    expect(found[0]).toMatchObject({ origin: "change", rule: "GATE-CONFIG-WEAKENED", severity: "critical" });
    expect(found[0]!.location.line).toBeGreaterThan(0);
  });

  it.each(negatives)("%s weakens nothing", async (_name, head) => {
    expect(configWeakenings(await rule(), base, head, places)).toEqual([]);
  });

  it("a waivers file the head's config adds is swapped in too", async () => {
    const found = configWeakenings(await rule(), side({ waivers: undefined }), side(), places);
    expect(found.map((f) => `${f.subject}: ${f.evidence[0]} at ${f.location.line}`)).toEqual(["config:waivers: waivers file swapped from none to waivers.yaml by .nhi-triage.yaml at 4"]);
  });

  it("names a config that was removed, and a pack's rule turned off by the config is not also a pack finding", async () => {
    const gone = configWeakenings(await rule(), side({ failOn: "medium" }), side({ config: undefined }), places);
    expect(gone.map((f) => f.evidence[0])).toEqual(["failOn raised from medium to high (the config was removed): new medium findings would no longer fail the gate"]);
    const both = configWeakenings(await rule(), base, side({ rules: without(base.rules, "ACME-ONE"), overrides: { "ACME-ONE": "off" } }), places);
    expect(both.map((f) => `${f.subject} ${f.location.file}`)).toEqual(["config:rules/ACME-ONE .nhi-triage.yaml"]);
  });
});

describe("gate verdict", () => {
  it("splits findings into new, existing and resolved by fingerprint; only new ones at or above failOn fail", async () => {
    const pack = await builtinPack();
    const b = inv("identities:\n  - { id: a, kind: bot, humanUse: true, owner: t }\n  - { id: b, kind: bot, owner: t }\n");
    const h = inv("identities:\n  - { id: b, kind: bot, owner: t, privileges: ['*'] }\n  - { id: a, kind: bot, owner: t, tenants: [x, y], humanUse: false }\n");
    const r = runGate({ pack, head: h, baseInventory: b, base: { kind: "present", given: "base", label: "base" }, waivers: [], now: NOW, failOn: "high", strict: false });
    const names = (fs: readonly GateFinding[]) => fs.map((f) => `${f.rule} ${f.subject}`).sort();
    expect(names(r.resolved)).toEqual(["NHI-HUMAN-USE identity:a"]);
    // Both were unknown (low) in the base, where neither recorded its privileges or tenants: graver now, so new.
    expect(names(r.new.filter((f) => !f.unknown))).toEqual([
      "CHANGE-NEW-TENANT identity:a", "CHANGE-PRIVILEGES-WIDENED identity:b", "NHI-BROAD-PRIVILEGES identity:b", "NHI-CROSS-TENANT identity:a",
    ]);
    // b now records privileges, and not when it was last used.
    expect(names(r.new.filter((f) => f.unknown))).toEqual(["NHI-UNUSED-PRIVILEGED identity:b"]);
    expect(r.passed).toBe(false);
    const lenient = runGate({ pack, head: h, baseInventory: b, base: { kind: "present", given: "base", label: "base" }, waivers: [], now: NOW, failOn: "critical", strict: false });
    expect(lenient.passed).toBe(true);
    expect(lenient.new).toHaveLength(5);
  });
});

describe("waivers", () => {
  it("hold through their expiry day in UTC", () => {
    expect(isExpired("2026-11-23", Date.parse("2026-11-23T23:59:59Z"))).toBe(false);
    expect(isExpired("2026-11-23", Date.parse("2026-11-24T00:00:00Z"))).toBe(true);
    expect(isExpired("2026-11-23T12:00:00Z", Date.parse("2026-11-23T12:00:00Z"))).toBe(true);
  });
  it("match subjects exactly or with * over any characters", () => {
    expect(subjectMatcher("identity:svc-*")("identity:svc-deploy")).toBe(true);
    expect(subjectMatcher("identity:svc-*")("identity:key-svc-deploy")).toBe(false);
    expect(subjectMatcher("workflow:*/step:migrate")("workflow:nightly/step:migrate")).toBe(true);
    expect(subjectMatcher("identity:a.b")("identity:aXb")).toBe(false);
    expect(subjectMatcher("*")("agent:x")).toBe(true);
  });
});

describe("rule pack validation for the gate", () => {
  const problems = (file: string, text: string) => extraPackProblems({ [file]: text });
  it("an inventory rule cannot test symptoms or the incident", async () => {
    const rule = (subject: string, when: string) =>
      `apiVersion: nhi-triage/v1\nkind: RuleSet\nrules:\n  - id: T-INV\n    title: t\n    scope: inventory\n    defect: attribution\n    severity: low\n    weight: 1\n    subject: ${subject}\n    when: ${when}\n    reasoning: r\n    controls: [CTL-ASSIGN-OWNER]\n    refs: [NHI1:2025]\n`;
    expect(await problems("rules/r.yaml", rule("identity", "{ symptom: leaked-secret }"))).toEqual([
      "11 a rule with scope: inventory cannot test symptoms: the gate reads the inventory alone",
    ]);
    expect(await problems("rules/r.yaml", rule("incident", "{ fact: incident.active, equals: true }"))).toEqual([
      "10 a rule with scope: inventory needs an inventory subject (identity, workflow, step or agent)",
      "11 a rule with scope: inventory cannot read incident.active: the gate reads the inventory alone",
    ]);
  });
  it("a change rule's kind must suit its fact, and a scale must name real values", async () => {
    const change = (fact: string, kind: string, extra = "") =>
      `apiVersion: nhi-triage/v1\nkind: ChangeRules\nchanges:\n  - id: T-CHANGE\n    title: t\n    defect: attribution\n    severity: low\n    subject: identity\n    fact: ${fact}\n    change: ${kind}\n${extra}    reasoning: r\n    controls: [CTL-ASSIGN-OWNER]\n    refs: [NHI1:2025]\n`;
    expect(await problems("changes.yaml", change("identity.owner", "gains"))).toEqual(['10 "gains" does not suit identity.owner, which is a string']);
    expect(await problems("changes.yaml", change("identity.credential.type", "weakens", "    scale: [workload-identity, static-secrt]\n"))).toEqual([
      '11 identity.credential.type is one of static-secret | password | short-lived-token | workload-identity | certificate; "static-secrt" can never match; did you mean "static-secret"?',
    ]);
    expect(await problems("changes.yaml", change("identity.credential.type", "weakens"))).toEqual(['10 "weakens" needs a scale: the values of identity.credential.type from strongest to weakest']);
  });
});

describe("unknown findings against a base", () => {
  const present = { kind: "present", given: "base", label: "base" } as const;
  // Everything recorded but the rotation date: NHI-STATIC-SECRET is unknown (medium).
  const key = (extra: string) =>
    `identities:\n  - { id: k, kind: api-key, owner: t, usedBy: [t], environments: [prod], privileges: [x:read], humanUse: false, lastUsed: 2026-11-22, credential: { type: static-secret, maxAge: 30d, storage: vault${extra} } }\n`;
  const gate = async (b: string, h: string, overrides?: Record<string, "medium">) => {
    const builtin = await builtinPack();
    const pack = overrides ? applyOverrides(builtin, overrides, "test").pack : builtin;
    return runGate({ pack, head: inv(h), baseInventory: inv(b), base: present, waivers: [], now: NOW, failOn: "high", strict: false });
  };
  const secret = (fs: readonly GateFinding[]) => fs.filter((f) => f.rule === "NHI-STATIC-SECRET");

  it("keep their fingerprint once known, and count as new when graver than the base had them", async () => {
    const r = await gate(key(""), key(", lastRotated: 2026-01-01"));
    const [now] = secret(r.new);
    expect(now?.unknown).toBeUndefined();
    expect(now?.severity).toBe("high");
    expect(now?.fingerprint).toBe(fingerprint("NHI-STATIC-SECRET", "identity:k"));
    expect(secret(r.existing)).toEqual([]);
    expect(r.failing.map((f) => f.rule)).toEqual(["NHI-STATIC-SECRET"]);
  });

  it("stay existing when known no graver than the base had them unknown", async () => {
    const r = await gate(key(""), key(", lastRotated: 2026-01-01"), { "NHI-STATIC-SECRET": "medium" });
    expect(secret(r.new)).toEqual([]);
    expect(secret(r.existing).map((f) => [f.severity, f.unknown])).toEqual([["medium", undefined]]);
  });

  it("are resolved when the fact, once recorded, is fine; and removing a field resolves nothing", async () => {
    const rotated = await gate(key(""), key(", lastRotated: 2026-11-20"));
    expect(secret(rotated.resolved).map((f) => f.unknown)).toEqual([["identity.credential.overdue"]]);
    const forgotten = await gate(key(", lastRotated: 2026-01-01"), key(""));
    expect(secret(forgotten.resolved)).toEqual([]);
    expect(secret(forgotten.existing).map((f) => f.unknown)).toEqual([["identity.credential.overdue"]]);
  });
});

describe("an agent sharing a workflow's identity against a base", () => {
  it("is new when a changed workflow starts acting as an unchanged agent's identity", async () => {
    const pack = await builtinPack();
    const agents = "agents:\n  - { id: helper, identity: svc, tools: [t], inheritsScope: false, runtimeAuthorization: true }\n";
    const ids = "identities:\n  - { id: svc, kind: service-account, owner: t }\n";
    const b = inv(`${ids}workflows:\n  - { id: w, steps: [{ id: s }] }\n${agents}`);
    const h = inv(`${ids}workflows:\n  - { id: w, steps: [{ id: s, identity: svc }] }\n${agents}`);
    const r = runGate({ pack, head: h, baseInventory: b, base: { kind: "present", given: "base", label: "base" }, waivers: [], now: NOW, failOn: "high", strict: false });
    const shared = r.new.filter((f) => f.rule === "NHI-AGENT-SHARES-WORKFLOW-IDENTITY");
    expect(shared.map((f) => [f.subject, f.evidence])).toEqual([["agent:helper", ["agent helper: identity also used by workflow steps: yes (w/s)"]]]);
    expect(shared[0]!.location.line).toBe(8);
    expect(r.existing.filter((f) => f.rule === "NHI-AGENT-SHARES-WORKFLOW-IDENTITY")).toEqual([]);
    const back = runGate({ pack, head: b, baseInventory: h, base: { kind: "present", given: "base", label: "base" }, waivers: [], now: NOW, failOn: "high", strict: false });
    expect(back.resolved.map((f) => f.rule)).toContain("NHI-AGENT-SHARES-WORKFLOW-IDENTITY");
  });
});
