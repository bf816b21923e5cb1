import { describe, expect, it } from "vitest";
import { inventorySubjects } from "../../src/engine/buildSubjects.js";
import { compileDetectors, detectSymptoms } from "../../src/engine/detectSymptoms.js";
import { factDef } from "../../src/engine/factCatalog.js";
import { triage } from "../../src/engine/triage.js";
import { locateFinding } from "../../src/gate/locateFinding.js";
import { postureFindings } from "../../src/gate/postureFindings.js";
import { toIncident } from "../../src/interview/toIncident.js";
import { diagnostic, InputError } from "../../src/load/diagnostic.js";
import { loadDocument } from "../../src/load/loadDocument.js";
import { loadIncident } from "../../src/load/loadIncident.js";
import { loadInventory } from "../../src/load/loadInventory.js";
import { Incident } from "../../src/load/schema/incident.js";
import { readYaml } from "../../src/load/readYaml.js";
import { redactData } from "../../src/redact/redactData.js";
import { redactDocument } from "../../src/redact/redactDocument.js";
import { redactSourceLine } from "../../src/redact/redactSourceLine.js";
import { formatDiagnostics } from "../../src/report/formatDiagnostics.js";
import { builtinPack, builtinContext, builtinSymptoms, NOW } from "../helpers.js";

const AWS_ID = "AKIAIOSFODNN7EXAMPLE";
const GHP = "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
const AWS_MARK = "REDACTED(aws-access-key)";
const inventoryText = (body: string) => `apiVersion: nhi-triage/v1\nkind: Inventory\n${body}`;

describe("redactData", () => {
  it("redacts string values in place and says where each was", () => {
    const data = { a: [1, "fine", `key ${AWS_ID}`], b: { c: "postgres://app:hunter2@db/x", [AWS_ID]: "the key stays a key" } };
    const found = redactData(data);
    expect(data.a[2]).toBe(`key ${AWS_MARK}`);
    expect(data.b.c).toBe("postgres://app:REDACTED(url-password)@db/x");
    expect(Object.keys(data.b)).toContain(AWS_ID);
    expect(found.sort((x, y) => x.path.join().localeCompare(y.path.join()))).toEqual([
      { path: ["a", 2], kinds: ["aws-access-key"] },
      { path: ["b", "c"], kinds: ["url-password"] },
    ]);
  });

  it("finishes on data that loops (YAML aliases) and still finds what is there", () => {
    const data: Record<string, unknown> = { s: GHP };
    data.self = data;
    data.list = [data, { t: AWS_ID }];
    const found = redactData(data, 10);
    expect(found.map((f) => f.path)).toEqual(expect.arrayContaining([["s"], ["list", 1, "t"]]));
    expect(JSON.stringify((data.list as unknown[])[1])).toContain(AWS_MARK);
  });

  it("does not overflow the stack on deep nesting", () => {
    let deep: unknown = `token=${GHP}`;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(redactData(deep)).toHaveLength(1);
  });
});

describe("redactDocument and loadDocument", () => {
  it("records file, path and position of each value, before validation", () => {
    const text = inventoryText(`identities:\n  - id: svc-a\n    kind: api-key\n    owner: team-a\n    privileges: [repo:read, "${AWS_ID}"]\n`);
    const parsed = readYaml("inv.yaml", text);
    if (!parsed.ok) throw new Error("parse");
    expect(redactDocument(parsed.doc)).toEqual([{ file: "inv.yaml", path: ["identities", 0, "privileges", 1], kinds: ["aws-access-key"], line: 7, column: 29 }]);
  });

  it("hands the loaded value over redacted, with the record of what was found", () => {
    const loaded = loadDocument("inc.yaml", `apiVersion: nhi-triage/v1\nkind: Incident\nid: I-1\ndescription: "used ${GHP}"\n`, Incident, "Incident");
    expect(loaded.value.description).toBe("used REDACTED(github-token)");
    expect(loaded.secrets.map((s) => [s.path, s.line])).toEqual([[["description"], 4]]);
    expect(loaded.doc.text).toContain(GHP);
  });

  it("schema messages quote the redacted value", () => {
    try {
      loadInventory("inv.yaml", inventoryText(`identities:\n  - id: svc-a\n    kind: ${AWS_ID}\n`));
      expect.unreachable();
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      const message = e.diagnostics.map((d) => d.message).join("\n");
      expect(message).toContain(AWS_MARK);
      expect(message).not.toContain(AWS_ID);
    }
  });

  it("diagnostic() redacts any message it is given", () => {
    expect(diagnostic("f", undefined, `unknown id "${GHP}"`).message).toBe('unknown id "REDACTED(github-token)"');
  });
});

describe("error excerpts", () => {
  it("moves the caret with the text: before, inside and after a redacted value", () => {
    const line = `  x: ${AWS_ID} y: z`;
    const at = (col: number) => redactSourceLine(line, col);
    expect(at(3)).toEqual({ text: `  x: ${AWS_MARK} y: z`, column: 3 });
    expect(at(6)).toEqual({ text: `  x: ${AWS_MARK} y: z`, column: 6 });
    expect(at(10).column).toBe(6);
    const after = line.indexOf("y:") + 1;
    expect(`  x: ${AWS_MARK} y: z`[at(after).column - 1]).toBe("y");
  });

  it("hides the body lines of a private key block", () => {
    const before = "key: |\n  -----BEGIN RSA PRIVATE KEY-----\n  MIIEowIBAAKCAQEA\n";
    expect(redactSourceLine("  abc/def+ghi=", 3, before).text).toBe("  REDACTED(private-key)");
    expect(redactSourceLine("  abc/def+ghi=", 3, `${before}  -----END RSA PRIVATE KEY-----\n`).text).toBe("  abc/def+ghi=");
  });

  it("formatDiagnostics shows neither the value in the message nor in the excerpt, and keeps the caret on target", () => {
    const text = `apiVersion: nhi-triage/v1\nkind: Inventory\nidentities:\n  - { id: svc-a, kind: api-key, owner: "${GHP}", bogus: 1 }\n`;
    const col = text.split("\n")[3]!.indexOf("bogus") + 1;
    const out = formatDiagnostics([diagnostic("inv.yaml", { line: 4, column: col }, `unknown field "bogus" near ${GHP}`)], new Map([["inv.yaml", text]]));
    expect(out).not.toContain(GHP);
    const [, excerpt, caret] = out.split("\n");
    expect(excerpt).toContain("REDACTED(github-token)");
    expect(excerpt!.slice(caret!.indexOf("^"))).toMatch(/^bogus/);
  });
});

describe("findings", () => {
  const detectors = compileDetectors(builtinSymptoms(), builtinContext());

  it("a pasted credential is the leaked-secret symptom, with its kind as evidence", () => {
    const found = detectSymptoms(`The job log showed ${AWS_MARK} and REDACTED(github-token).`, detectors);
    expect(found).toContainEqual({
      code: "leaked-secret",
      source: "description",
      phrase: "credential-like values (aws-access-key, github-token) in the incident text, redacted",
    });
  });

  it("a marker's own words are not read as the writer's", () => {
    expect(detectSymptoms("Nothing happened to REDACTED(aws-access-key).", detectors).map((s) => s.code)).toEqual(["leaked-secret"]);
    expect(detectSymptoms("The job kept retrying.", detectors).map((s) => s.code)).not.toContain("leaked-secret");
  });

  it("analyze: the incident's own text leads to containment", async () => {
    const pack = await builtinPack();
    const loaded = loadIncident("inc.yaml", `apiVersion: nhi-triage/v1\nkind: Incident\nid: I-1\ndescription: "The build printed ${GHP}."\n`, pack);
    const t = triage(loaded.incident, pack, undefined, { now: NOW });
    expect(t.findings.map((f) => f.rule)).toContain("ID-LEAKED-SECRET");
    expect(t.contain.length).toBeGreaterThan(0);
    expect(JSON.stringify(t)).not.toContain(GHP);
  });

  it("secretValueInFile: each entry answers for its own fields; a workflow not for its steps", async () => {
    const inv = loadInventory(
      "inv.yaml",
      inventoryText(`identities:
  - id: svc-a
    kind: api-key
    owner: "team-a password=hunter2"
  - id: svc-b
    kind: api-key
workflows:
  - id: wf
    engine: argo
    steps:
      - id: s
        compensation: "curl https://x.internal/undo?token=Zq81kd9Qp4Xc"
agents:
  - id: ag
    tools: [search]
`),
    );
    const { privileges } = await builtinPack();
    const facts = new Map(
      inventorySubjects(inv).map((s) => [s.ref, factDef(`${s.kind}.secretValueInFile`)!.get(s, { active: false, now: NOW, privileges })]),
    );
    expect(Object.fromEntries(facts)).toEqual({ "identity:svc-a": true, "identity:svc-b": false, "workflow:wf": false, "workflow:wf/step:s": true, "agent:ag": false });
  });

  it("the gate finding points at the line that held the value", async () => {
    const inv = loadInventory("inv.yaml", inventoryText(`identities:\n  - id: svc-a\n    kind: api-key\n    owner: team-a\n    privileges:\n      - repo:read\n      - "${AWS_ID}"\n`));
    const [finding] = postureFindings(await builtinPack(), inv, NOW).filter((f) => f.rule === "NHI-SECRET-VALUE-IN-IDENTITY");
    expect(finding?.location).toEqual({ file: "inv.yaml", line: 9, column: 9 });
    const subject = inventorySubjects(inv)[0]!;
    expect(locateFinding(inv, subject, ["identity.owner"]).line).toBe(6);
  });

  it("the interview redacts what is typed, so --save and every report see the marker", async () => {
    const pack = await builtinPack();
    const answers = new Map<string, string | string[]>([
      ["seen", ["not-sure"]],
      ["title", `Build printed ${AWS_ID}`],
    ]);
    const incident = toIncident(pack.questions, answers, { hasInventory: false });
    expect(incident.title).toBe(`Build printed ${AWS_MARK}`);
  });
});
