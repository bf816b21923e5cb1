import { describe, expect, it } from "vitest";
import { mapDirectoryObjects } from "../../src/discover/mapDirectoryObjects.js";
import { azureDirectoryObjectsReader } from "../../src/discover/readers/azureDirectoryObjectsReader.js";
import { Identity } from "../../src/load/schema/inventory.js";
import { readDirectoryObjects } from "../../src/load/sources/azure/readDirectoryObjects.js";
import type { DirectoryObjectsFacts } from "../../src/load/sources/azure/types.js";
import { refusedAt } from "../tools/refusedAt.js";

const TENANT = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const APP = "3f2a9c1e-7b4d-4e21-9a55-0c8d1e6f2a01";
const secret = (keyId: string, startDateTime: string | null, endDateTime: string | null, extra: Record<string, unknown> = {}) => ({ customKeyIdentifier: null, displayName: keyId, endDateTime, hint: "q8Z", keyId, startDateTime, ...extra });
const sp = (appId: string, extra: Record<string, unknown> = {}) => ({ appId, appOwnerOrganizationId: TENANT, displayName: appId, keyCredentials: [], passwordCredentials: [], servicePrincipalType: "Application", ...extra });
const app = (appId: string, extra: Record<string, unknown> = {}) => ({ appId, displayName: appId, keyCredentials: [], passwordCredentials: [], signInAudience: "AzureADMyOrg", ...extra });

function read(file: string, list: unknown[]): DirectoryObjectsFacts {
  const r = readDirectoryObjects(file, JSON.stringify(list, null, 2), true);
  if (!r) throw new Error("not a list");
  return r.facts;
}
const identities = (...lists: DirectoryObjectsFacts[]) => mapDirectoryObjects(lists).map((i) => Identity.parse(i));
const refusal = (text: string, mustBe = true) => refusedAt(() => readDirectoryObjects("sp.json", text, mustBe));

describe("Entra ID service principal and application lists", () => {
  it("joins an app and its service principal into one identity, with the oldest secret's rotation and lifetime", () => {
    const [id, ...rest] = identities(
      read("sp.json", [sp(APP)]),
      read("app.json", [app(APP, { passwordCredentials: [secret("k1", "2024-01-10T09:00:00Z", "2026-01-10T09:00:00Z"), secret("k2", "2025-12-01T09:00:00Z", "2026-12-01T09:00:00Z")] })]),
    );
    expect(rest).toEqual([]);
    expect(id!.id).toBe(`azure/app/${APP}`);
    expect(id!.kind).toBe("oauth-client");
    expect(id!.credential).toEqual({ type: "static-secret", maxAge: "731d", lastRotated: "2024-01-10T09:00:00Z" });
    expect(id!.thirdParty).toBe(false);
    expect(id!.source).toEqual({ file: "sp.json", line: 2, column: 3, kind: "azure-directory-objects" });
    // The secrets sit on the app registration, in the other file: each observation names it.
    expect(id!.observed!.map((o) => [o.fact, o.file, o.line])).toEqual([
      ["azure-password-credential", "app.json", 7], ["azure-long-lived-credential", "app.json", 7],
      ["azure-password-credential", "app.json", 15], ["azure-several-secrets", "app.json", 15],
    ]);
  });

  it("reads year 2299 as never expiring, and a missing end as unknown rather than never", () => {
    const [never, unknown] = identities(read("sp.json", [
      sp("a1", { passwordCredentials: [secret("k1", "2025-04-02T14:20:00Z", "2299-12-31T00:00:00Z")] }),
      sp("a2", { passwordCredentials: [secret("k2", "2025-04-02T14:20:00Z", null)] }),
    ]));
    expect(never!.credential).toEqual({ type: "static-secret", lastRotated: "2025-04-02T14:20:00Z" });
    expect(never!.observed!.map((o) => o.fact)).toEqual(["azure-password-credential", "azure-long-lived-credential"]);
    expect(unknown!.observed!.map((o) => o.fact)).toEqual(["azure-password-credential"]);
  });

  it("does not count a secret that ended before the next began, nor a six-month certificate", () => {
    const [id] = identities(read("app.json", [app(APP, {
      passwordCredentials: [secret("old", "2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z"), secret("new", "2026-06-01T00:00:00Z", "2026-11-28T00:00:00Z")],
      keyCredentials: [{ keyId: "c1", startDateTime: "2026-09-01T00:00:00Z", endDateTime: "2027-03-01T00:00:00Z", type: "AsymmetricX509Cert", usage: "Verify" }],
    })]));
    expect(id!.observed!.map((o) => o.fact)).toEqual(["azure-password-credential", "azure-password-credential", "azure-key-credential"]);
    // A client secret is weaker than the certificate beside it.
    expect(id!.credential).toEqual({ type: "static-secret", maxAge: "151d", lastRotated: "2026-01-01T00:00:00Z" });
  });

  it("makes a managed identity a workload whose platform certificate is not observed", () => {
    const [mi] = identities(read("sp.json", [sp("m1", { servicePrincipalType: "ManagedIdentity", appOwnerOrganizationId: null, keyCredentials: [{ keyId: "c1", startDateTime: "2026-11-22T10:00:00Z", endDateTime: "2027-02-20T10:00:00Z" }] })]));
    expect(mi).toEqual({ id: "azure/managed-identity/m1", kind: "workload", credential: { type: "workload-identity" }, source: { file: "sp.json", line: 2, column: 3, kind: "azure-directory-objects" } });
  });

  it("calls an app of another tenant third-party once the home tenant is known, and Microsoft's own apps neither", () => {
    const sps = read("sp.json", [sp(APP), sp("v1", { appOwnerOrganizationId: "7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910" }), sp("00000003-0000-0000-c000-000000000000", { appOwnerOrganizationId: "f8cdef31-a31e-4b4a-93e4-5f571e91255a" })]);
    const withApps = identities(sps, read("app.json", [app(APP)]));
    const vendor = withApps.find((i) => i.id === "azure/app/v1")!;
    expect(vendor.thirdParty).toBe(true);
    expect(vendor.observed).toEqual([{ fact: "azure-third-party-app", organization: "7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910", line: 10, column: 3 }]);
    expect(withApps.find((i) => i.id.endsWith("c000-000000000000"))!.thirdParty).toBeUndefined();
    // Without the app list nothing says which tenant is home.
    expect(identities(sps).map((i) => i.thirdParty)).toEqual([undefined, undefined, undefined]);
  });

  it("reports a secretText at its place and never copies it, nor the hint", () => {
    const r = readDirectoryObjects("sp.json", JSON.stringify([app(APP, { passwordCredentials: [secret("k1", "2026-01-01T00:00:00Z", "2026-07-01T00:00:00Z", { secretText: "Qx8~fake.not.a.real.secret.value0000000" })] })], null, 2), true)!;
    expect(r.secrets).toEqual([{ file: "sp.json", path: [0, "passwordCredentials", 0, "secretText"], kinds: ["azure-client-secret"], line: 14, column: 23 }]);
    const out = JSON.stringify(mapDirectoryObjects([r.facts]));
    expect(out).not.toContain("Qx8~fake");
    expect(out).not.toContain("q8Z");
  });

  it("recognises the lists by content and passes over other JSON", () => {
    expect(readDirectoryObjects("export.json", JSON.stringify([sp(APP)]), false)?.facts.objects).toHaveLength(1);
    expect(readDirectoryObjects("other.json", JSON.stringify([{ appId: "x" }]), false)).toBeUndefined();
    expect(readDirectoryObjects("other.json", '{"appId": "x", "passwordCredentials": []}', false)).toBeUndefined();
  });

  it("refuses broken JSON, a missing appId and a date that is not one at their place", () => {
    expect(refusal('[\n  {"appId": "a", "passwordCredentials": []\n]\n')[0]).toMatch(/^3:1 /);
    expect(refusal(JSON.stringify([{ displayName: "x", passwordCredentials: [] }], null, 2))[0]).toBe('2:3 missing required field "appId" in [0]');
    expect(refusal(JSON.stringify([sp("a", { passwordCredentials: [secret("k", "soon", null)] })], null, 2))).toEqual(['14:26 startDateTime "soon" is not a date: expected an ISO 8601 time such as 2026-01-10T08:30:00Z']);
    expect(refusal("{}")).toEqual([expect.stringMatching(/^1:1 not a service principal or application list: expected an Entra ID/)]);
    expect(refusal("")[0]).toMatch(/^1:1 empty file: expected an Entra ID/);
  });
});

describe("the Azure reader's file names", () => {
  it("claims sp-list.json and app-list.json under a prefix, not a word that merely ends in app", () => {
    const names = ["azure/sp-list.json", "exports/prod-app-list.json", "az-ad-sp-list.json", "x/whatsapp-list.json", "gcp/ci-sa-keys.json"];
    expect(names.filter((n) => azureDirectoryObjectsReader.claims!(n))).toEqual(["azure/sp-list.json", "exports/prod-app-list.json", "az-ad-sp-list.json"]);
  });
});
