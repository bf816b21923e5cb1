import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gcpServiceAccountId, mapServiceAccountKeys } from "../../src/discover/mapServiceAccountKeys.js";
import { Identity } from "../../src/load/schema/inventory.js";
import { readServiceAccountKeys } from "../../src/load/sources/gcp/readServiceAccountKeys.js";
import { ROOT } from "../helpers.js";
import { refusedAt } from "../tools/refusedAt.js";

const SA = "deployer@acme-prod.iam.gserviceaccount.com";
const ID = gcpServiceAccountId("acme-prod", SA);
const key = (id: string, extra: Record<string, unknown> = {}) => ({
  keyAlgorithm: "KEY_ALG_RSA_2048",
  keyType: "USER_MANAGED",
  name: `projects/acme-prod/serviceAccounts/${SA}/keys/${id}`,
  ...extra,
});

function identities(keys: unknown[]): Identity[] {
  const read = readServiceAccountKeys("keys.json", JSON.stringify(keys, null, 2), true);
  if (!read) throw new Error("not a key list");
  return mapServiceAccountKeys(read.facts).map((i) => Identity.parse(i));
}
const refusal = (text: string, mustBe = true) => refusedAt(() => readServiceAccountKeys("keys.json", text, mustBe));

describe("GCP service-account key list", () => {
  it("gives the account its oldest enabled user-managed key's rotation, and a lifetime when it expires", () => {
    const [sa, ...rest] = identities([
      key("aaa1", { validAfterTime: "2026-03-01T00:00:00Z", validBeforeTime: "2027-03-01T00:00:00Z" }),
      key("bbb2", { validAfterTime: "2026-10-01T00:00:00Z", validBeforeTime: "2026-12-30T00:00:00Z" }),
      key("ccc3", { validAfterTime: "2019-01-01T00:00:00Z", validBeforeTime: "9999-12-31T23:59:59Z", disabled: true }),
      key("ddd4", { keyType: "SYSTEM_MANAGED", validAfterTime: "2018-01-01T00:00:00Z", validBeforeTime: "2020-01-01T00:00:00Z" }),
    ]);
    expect(rest).toEqual([]);
    expect(sa!.id).toBe("gcp/acme-prod/serviceaccount/deployer_acme-prod.iam.gserviceaccount.com");
    // The disabled and the system-managed keys are older, but no one can use or hold them.
    expect(sa!.credential).toEqual({ type: "static-secret", maxAge: "365d", lastRotated: "2026-03-01T00:00:00Z" });
    expect(sa!.observed).toEqual([
      { fact: "gcp-user-managed-key", keyId: "aaa1", created: "2026-03-01T00:00:00Z", expires: "2027-03-01T00:00:00Z", line: 2, column: 3 },
      { fact: "gcp-user-managed-key", keyId: "bbb2", created: "2026-10-01T00:00:00Z", expires: "2026-12-30T00:00:00Z", line: 9, column: 3 },
    ]);
    expect(sa!.source).toEqual({ file: "keys.json", line: 2, column: 3, kind: "gcp-service-account-keys" });
  });

  it("reads a year-9999 validBeforeTime as never expiring, and then gives no lifetime", () => {
    const [sa] = identities([key("aaa1", { validAfterTime: "2025-02-03T09:15:00Z", validBeforeTime: "9999-12-31T23:59:59Z" })]);
    expect(sa!.credential).toEqual({ type: "static-secret", lastRotated: "2025-02-03T09:15:00Z" });
    expect(sa!.observed!.map((o) => o.fact)).toEqual(["gcp-user-managed-key", "gcp-key-never-expires"]);
  });

  it("leaves the rotation unknown when a live key's creation is not listed, and the expiry unknown when its end is not", () => {
    const [sa] = identities([key("aaa1", { validAfterTime: "2026-10-01T00:00:00Z" }), key("bbb2")]);
    expect(sa!.credential).toEqual({ type: "static-secret" });
    // No validBeforeTime is not year 9999: nothing says the keys never expire.
    expect(sa!.observed!.map((o) => o.fact)).toEqual(["gcp-user-managed-key", "gcp-user-managed-key"]);
  });

  it("gives an account with only Google's own keys a short-lived credential and no observations", () => {
    const [sa] = identities([key("aaa1", { keyType: "SYSTEM_MANAGED", validAfterTime: "2026-09-10T00:00:00Z", validBeforeTime: "2028-09-10T00:00:00Z" })]);
    expect(sa).toEqual({ id: ID, kind: "service-account", credential: { type: "short-lived-token" }, source: { file: "keys.json", line: 2, column: 3, kind: "gcp-service-account-keys" } });
  });

  it("makes one identity per account when several accounts' lists are joined", () => {
    const other = { ...key("eee5"), name: "projects/acme-ci/serviceAccounts/ci@acme-ci.iam.gserviceaccount.com/keys/eee5" };
    expect(identities([key("aaa1"), other, key("bbb2")]).map((i) => [i.id, i.observed!.length])).toEqual([[ID, 2], ["gcp/acme-ci/serviceaccount/ci_acme-ci.iam.gserviceaccount.com", 1]]);
  });

  it("reports a just-created key's private key data at its place and never copies it", () => {
    const read = readServiceAccountKeys("keys.json", JSON.stringify([key("aaa1", { privateKeyData: "ZmFrZS1rZXktbm90LXJlYWw=" })], null, 2), true)!;
    expect(read.secrets).toEqual([{ file: "keys.json", path: [0, "privateKeyData"], kinds: ["private-key"], line: 6, column: 23 }]);
    expect(JSON.stringify(mapServiceAccountKeys(read.facts))).not.toContain("ZmFrZS1rZXktbm90LXJlYWw");
  });

  it("recognises a key list by content and passes over other JSON", () => {
    expect(readServiceAccountKeys("export.json", JSON.stringify([key("aaa1")]), false)?.facts.accounts).toHaveLength(1);
    expect(readServiceAccountKeys("other.json", JSON.stringify([{ name: "x", keyType: "y" }]), false)).toBeUndefined();
    expect(readServiceAccountKeys("other.json", '{"items": []}', false)).toBeUndefined();
  });

  it("refuses broken JSON, a wrong key type, a bad name and a date that is not one at their place", () => {
    expect(refusal('[\n  {"name": "projects/p/serviceAccounts/a@p.iam.gserviceaccount.com/keys/k", "keyType": "USER_MANAGED"\n]\n')[0]).toMatch(/^3:1 /);
    expect(refusal(JSON.stringify([key("aaa1", { keyType: "MANAGED" })], null, 2))).toEqual([expect.stringMatching(/^4:16 .*USER_MANAGED/)]);
    expect(refusal(JSON.stringify([{ name: "keys/k", keyType: "USER_MANAGED" }], null, 2))).toEqual([expect.stringMatching(/^3:13 \[0\]\.name: expected a key name projects\/<project>\/serviceAccounts\/<email>\/keys\/<id>/)]);
    expect(refusal(JSON.stringify([key("aaa1", { validAfterTime: "last week" })], null, 2))).toEqual(['6:23 validAfterTime "last week" is not a date: expected an RFC 3339 time such as 2026-01-10T08:30:00Z']);
    expect(refusal("{}")).toEqual([expect.stringMatching(/^1:1 not a service-account key list: expected a GCP service-account key list/)]);
    expect(refusal("")[0]).toMatch(/^1:1 empty file: expected a GCP service-account key list/);
  });

  it("reads the fixtures' three accounts", () => {
    const read = (name: string) => identities(JSON.parse(readFileSync(join(ROOT, "fixtures/sources/gcp", name), "utf8")) as unknown[]);
    expect(read("deployer-sa-keys.json")[0]!.credential).toEqual({ type: "static-secret", lastRotated: "2025-02-03T09:15:00Z" });
    expect(read("ci-sa-keys.json")[0]!.credential).toEqual({ type: "static-secret", maxAge: "90d", lastRotated: "2026-10-01T00:00:00Z" });
    expect(read("runtime-sa-keys.json")[0]!.credential).toEqual({ type: "short-lived-token" });
  });
});
