import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { loadInventory } from "../../src/load/loadInventory.js";
import type { Inventory } from "../../src/load/schema/inventory.js";
import { ROOT, tempDir } from "../helpers.js";
import { sarifWhere } from "../tools/sarifWhere.js";
import { run } from "./run.js";

const AZURE = "fixtures/sources/azure";
const DEPLOY = "azure/app/3f2a9c1e-7b4d-4e21-9a55-0c8d1e6f2a01";
const VENDOR = "azure/app/9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a503";


describe("nhi-triage discover on az ad sp list / az ad app list", () => {
  it("reads one identity per appId, the app's secrets joined to its service principal, without hints", () => {
    const r = run(["discover", AZURE]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const data = parse(r.stdout) as Inventory;
    const byId = (id: string) => data.identities!.find((i) => i.id === id)!;
    expect(data.identities!.map((i) => i.id)).toHaveLength(5);
    const deploy = byId(DEPLOY);
    expect(deploy.source).toEqual({ file: `${AZURE}/sp-list.json`, line: 2, column: 3, kind: "azure-directory-objects" });
    expect(deploy.credential).toEqual({ type: "static-secret", maxAge: "731d", lastRotated: "2024-01-10T09:00:00Z" });
    expect(deploy.observed!.map((o) => `${o.fact} ${o.file}:${o.line}`)).toEqual([
      `azure-password-credential ${AZURE}/app-list.json:8`, `azure-long-lived-credential ${AZURE}/app-list.json:8`,
      `azure-password-credential ${AZURE}/app-list.json:17`, `azure-several-secrets ${AZURE}/app-list.json:17`,
    ]);
    expect(byId(VENDOR).thirdParty).toBe(true);
    expect(byId("azure/managed-identity/2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f04")).toMatchObject({ kind: "workload", credential: { type: "workload-identity" } });
    expect(r.stdout).not.toMatch(/q8Z|Lm4|Xy7/);
  });

  it("warns of a secretText at its place, redacted, and never copies it", () => {
    const dir = tempDir("nhi-discover-azure-");
    const value = "Qx8~fakeSecretValueNotReal.0123456789abcd";
    writeFileSync(join(dir, "new-app.json"), JSON.stringify([{ appId: "11112222-3333-4444-5555-666677778888", displayName: "new", passwordCredentials: [{ keyId: "k1", startDateTime: "2026-11-01T00:00:00Z", endDateTime: "2027-05-01T00:00:00Z", secretText: value }] }], null, 2));
    const r = run(["discover", dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${dir}/new-app.json:10:23  warning  a credential-like value (azure-client-secret) is written in the service principal or application list: it is not copied into the inventory; rotate it`);
    expect(r.stderr).toContain(`"secretText": "REDACTED(`);
    expect(r.stdout + r.stderr).not.toContain(value);
  });

  it("refuses a malformed list at file:line:column, exit 2, and still reads the rest", () => {
    const dir = tempDir("nhi-discover-azure-");
    cpSync(join(ROOT, AZURE), dir, { recursive: true });
    writeFileSync(join(dir, "broken-sp-list.json"), '[\n  {\n    "appId": "a",\n    "passwordCredentials": [{"keyId": "k", "endDateTime": "next year"}]\n  }\n]\n');
    const r = run(["discover", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${dir}/broken-sp-list.json:4:59  error  endDateTime "next year" is not a date: expected an ISO 8601 time such as 2026-01-10T08:30:00Z`);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(loadInventory("out.yaml", r.stdout).identities.has(DEPLOY)).toBe(true);
  });

  it("gives the gate an inventory on which the Azure rules fire at the source lines", () => {
    const dir = tempDir("nhi-discover-azure-");
    const out = join(dir, "inventory.yaml");
    const d = run(["discover", AZURE, "--output", out]);
    expect([d.code, d.stdout, d.stderr]).toEqual([0, "", ""]);
    const g = run(["gate", out, "--now", "2026-11-23", "--format", "sarif"]);
    expect([g.code, g.stderr]).toEqual([1, ""]);
    const where = sarifWhere(g.stdout, "AZURE-");
    // The six-month certificate, Microsoft Graph and the managed identity: nothing to say.
    expect(where).toEqual([
      `AZURE-CREDENTIAL-LONG-LIVED ${AZURE}/sp-list.json:2`,
      `AZURE-CREDENTIAL-LONG-LIVED ${AZURE}/sp-list.json:27`,
      `AZURE-SEVERAL-SECRETS ${AZURE}/sp-list.json:2`,
      `AZURE-THIRD-PARTY-APP ${AZURE}/sp-list.json:27`,
    ]);
  });
});
