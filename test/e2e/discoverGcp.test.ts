import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import type { Inventory } from "../../src/load/schema/inventory.js";
import { ROOT, tempDir } from "../helpers.js";
import { sarifWhere } from "../tools/sarifWhere.js";
import { run } from "./run.js";

const GCP = "fixtures/sources/gcp";
const DEPLOYER = "gcp/acme-prod/serviceaccount/deployer_acme-prod.iam.gserviceaccount.com";


describe("nhi-triage discover on gcloud key lists", () => {
  it("reads each service account's keys, at their JSON lines, and warns of the private key data without copying it", () => {
    const r = run(["discover", GCP]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${GCP}/deployer-sa-keys.json:17:23  warning  a credential-like value (private-key) is written in the service-account key list: it is not copied into the inventory`);
    expect(r.stderr).not.toContain("ZmFrZS1rZXktbm90LXJlYWw");
    expect(r.stdout).not.toContain("ZmFrZS1rZXktbm90LXJlYWw");
    const data = parse(r.stdout) as Inventory;
    expect(data.identities!.map((i) => i.id).sort()).toEqual([
      "gcp/acme-ci/serviceaccount/ci-builder_acme-ci.iam.gserviceaccount.com",
      "gcp/acme-prod/serviceaccount/api-runtime_acme-prod.iam.gserviceaccount.com",
      DEPLOYER,
    ]);
    const deployer = data.identities!.find((i) => i.id === DEPLOYER)!;
    expect(deployer.credential).toEqual({ type: "static-secret", lastRotated: "2025-02-03T09:15:00Z" });
    expect(deployer.source).toEqual({ file: `${GCP}/deployer-sa-keys.json`, line: 2, column: 3, kind: "gcp-service-account-keys" });
    // The disabled key and Google's own are not observed; the two live keys are, each at its entry.
    expect(deployer.observed!.map((o) => [o.fact, o.line])).toEqual([["gcp-user-managed-key", 2], ["gcp-key-never-expires", 2], ["gcp-user-managed-key", 11]]);
  });

  it("refuses a malformed key list at file:line:column, exit 2, and names what it expected", () => {
    const dir = tempDir("nhi-discover-gcp-");
    writeFileSync(join(dir, "ci-sa-keys.json"), '[\n  {\n    "name": "projects/p/serviceAccounts/a@p.iam.gserviceaccount.com/keys/k1",\n    "keyType": "USER_MANAGED",\n    "validAfterTime": "yesterday"\n  }\n]\n');
    writeFileSync(join(dir, "broken-sa-keys.json"), '[\n  {"name": "projects/p/serviceAccounts/a@p.iam.gserviceaccount.com/keys/k2", "keyType": "USER_MANAGED"\n]\n');
    const r = run(["discover", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${dir}/ci-sa-keys.json:5:23  error  validAfterTime "yesterday" is not a date: expected an RFC 3339 time such as 2026-01-10T08:30:00Z`);
    expect(r.stderr).toMatch(new RegExp(`${dir}/broken-sa-keys.json:3:1  error  `));
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it("gives the gate an inventory on which the GCP rules fire at the key list's line", () => {
    const dir = tempDir("nhi-discover-gcp-");
    const out = join(dir, "inventory.yaml");
    const d = run(["discover", GCP, "--output", out, "--quiet"]);
    expect([d.code, d.stdout, d.stderr]).toEqual([0, "", ""]);
    const g = run(["gate", out, "--now", "2026-11-23", "--format", "sarif"]);
    expect([g.code, g.stderr]).toEqual([1, ""]);
    const where = sarifWhere(g.stdout, "GCP-");
    // The deployer's key from February 2025 never expires; the CI key is a month old and expires in 90 days.
    expect(where).toEqual([`GCP-KEY-NEVER-EXPIRES ${GCP}/deployer-sa-keys.json:2`, `GCP-USER-MANAGED-KEY-NOT-ROTATED ${GCP}/deployer-sa-keys.json:2`]);
    const line = readFileSync(join(ROOT, GCP, "deployer-sa-keys.json"), "utf8").split("\n")[1];
    expect(line).toBe("  {");
  });
});
