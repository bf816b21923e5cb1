import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverInventory } from "../../src/discover/discoverInventory.js";
import { mapCredentialReport } from "../../src/discover/mapCredentialReport.js";
import { Inventory } from "../../src/load/schema/inventory.js";
import { CREDENTIAL_REPORT_COLUMNS } from "../../src/load/sources/aws/credentialReportColumns.js";
import { readCredentialReport } from "../../src/load/sources/aws/readCredentialReport.js";
import { ROOT } from "../helpers.js";
import { refusedAt } from "../tools/refusedAt.js";

const HEADER = CREDENTIAL_REPORT_COLUMNS.join(",");
const ARN = "arn:aws:iam::123456789012:user/";
/** A row with every column N/A or false, then the given columns set. */
function row(user: string, set: Partial<Record<(typeof CREDENTIAL_REPORT_COLUMNS)[number], string>> = {}): string {
  const base: Record<string, string> = { user, arn: user === "<root_account>" ? "arn:aws:iam::123456789012:root" : ARN + user, user_creation_time: "2024-01-01T00:00:00+00:00" };
  return CREDENTIAL_REPORT_COLUMNS.map((c) => set[c] ?? base[c] ?? (c.endsWith("_active") || c === "password_enabled" ? "false" : "N/A")).join(",");
}
const report = (...rows: string[]) => `${HEADER}\n${rows.join("\n")}\n`;

function inventory(text: string) {
  const facts = readCredentialReport("r.csv", text, true);
  if (!facts) throw new Error("not a report");
  const inv = discoverInventory([{ identities: mapCredentialReport(facts), workflows: [] }]);
  Inventory.parse(inv);
  return inv;
}
const identity = (inv: Inventory, id: string) => inv.identities!.find((i) => i.id === id)!;
const refusal = (text: string, mustBe = true) => refusedAt(() => readCredentialReport("r.csv", text, mustBe));

describe("AWS IAM credential report", () => {
  it("takes the oldest active key's rotation and the latest use, and reads N/A as unknown", () => {
    const text = report(row("ci", {
      access_key_1_active: "true", access_key_1_last_rotated: "2024-02-10T11:20:05+00:00", access_key_1_last_used_date: "2026-11-01T00:00:00+00:00",
      access_key_2_active: "true", access_key_2_last_rotated: "2026-09-01T07:45:12+00:00", access_key_2_last_used_date: "N/A",
    }));
    const inv = inventory(text);
    const ci = identity(inv, "aws/iam/user/ci");
    expect(ci.credential).toEqual({ type: "static-secret", lastRotated: "2024-02-10T11:20:05+00:00" });
    expect(ci.lastUsed).toBe("2026-11-01T00:00:00+00:00");
    expect(ci.humanUse).toBeUndefined();
    expect(ci.observed!.map((o) => [o.fact, "key" in o ? o.key : 0, "lastUsed" in o ? o.lastUsed : "-"])).toEqual([["aws-access-key", 1, "2026-11-01T00:00:00+00:00"], ["aws-access-key", 2, "-"], ["aws-two-active-keys", 0, "-"]]);
    expect(ci.source).toEqual({ file: "r.csv", line: 2, column: 1, kind: "aws-credential-report" });
    // The key's place is its access_key_1_active field.
    const line = text.split("\n")[1]!;
    const col = line.split(",").slice(0, CREDENTIAL_REPORT_COLUMNS.indexOf("access_key_1_active")).join(",").length + 2;
    expect(ci.observed![0]!.column).toBe(col);
  });

  it("counts an inactive key for nothing and leaves a user with no active credential without one", () => {
    const inv = inventory(report(row("gone", { access_key_1_last_rotated: "2019-01-01T00:00:00+00:00" })));
    expect(identity(inv, "aws/iam/user/gone")).toEqual({ id: "aws/iam/user/gone", kind: "service-account", source: { file: "r.csv", line: 2, column: 1, kind: "aws-credential-report" } });
  });

  it("maps the root row to aws/root, and a console password without MFA to human use", () => {
    const inv = inventory(report(
      row("<root_account>", { password_enabled: "not_supported", password_last_changed: "not_supported", mfa_active: "true", access_key_1_active: "true", access_key_1_last_rotated: "2020-06-01T09:00:00+00:00" }),
      row("bot", { password_enabled: "true", password_last_used: "no_information", mfa_active: "false", access_key_1_active: "true", access_key_1_last_rotated: "2026-01-01T00:00:00+00:00" }),
    ));
    const root = identity(inv, "aws/root");
    expect(root.observed!.map((o) => o.fact)).toEqual(["aws-root-user", "aws-access-key", "aws-console-password"]);
    const bot = identity(inv, "aws/iam/user/bot");
    expect(bot.humanUse).toBe(true);
    expect(bot.observed!.map((o) => o.fact)).toEqual(["aws-access-key", "aws-console-password", "aws-no-mfa"]);
    expect(bot.lastUsed).toBeUndefined();
  });

  it("gives a password user a password credential and a signing certificate a certificate", () => {
    const inv = inventory(report(
      row("alice", { password_enabled: "true", password_last_changed: "2026-09-14T09:00:00+00:00", mfa_active: "true" }),
      row("signer", { cert_1_active: "true", cert_1_last_rotated: "2024-04-01T12:10:00+00:00" }),
    ));
    expect(identity(inv, "aws/iam/user/alice").credential).toEqual({ type: "password", lastRotated: "2026-09-14T09:00:00+00:00" });
    expect(identity(inv, "aws/iam/user/signer").credential).toEqual({ type: "certificate", lastRotated: "2024-04-01T12:10:00+00:00" });
  });

  it("keeps IAM name characters that ids do not take out of the id", () => {
    const inv = inventory(report(row("deploy+ci=1@corp")));
    expect(inv.identities!.map((i) => i.id)).toEqual(["aws/iam/user/deploy_ci_1_corp"]);
  });

  it("recognises a report by its header, not its name, and passes over any other CSV", () => {
    expect(readCredentialReport("export.csv", report(row("a")), false)?.users).toHaveLength(1);
    expect(readCredentialReport("other.csv", "name,email\nbob,bob@example.com\n", false)).toBeUndefined();
    expect(readCredentialReport("x.csv", `\uFEFF${report(row("a"))}`.replace(/\n/g, "\r\n"), false)?.users[0]!.at).toEqual({ line: 2, column: 1 });
  });

  it("refuses wrong columns, naming the column expected, at line 1", () => {
    expect(refusal(report(row("a")).replace("mfa_active", "mfa"))).toEqual([`1:${HEADER.indexOf("mfa") + 1} not the credential report's columns: expected column \`mfa_active\` (column 8), found \`mfa\``]);
    expect(refusal("user,arn,user_creation_time\n")[0]).toBe("1:28 not the credential report's columns: expected column `password_enabled` (column 4) after the last");
    expect(refusal("name,email\n")[0]).toMatch(/^1:1 not the credential report's columns: expected column `user`/);
  });

  it("refuses broken CSV, short rows and values of the wrong kind at their place", () => {
    expect(refusal(report(row("a"), `b,"${ARN}b,2024`))).toEqual([`3:3 invalid CSV: a quoted field is never closed: expected a closing \`"\``]);
    expect(refusal(report(row("a"), "b,arn:x,N/A"))).toEqual(["3:9 expected 22 fields, one per column of the header, found 3: the next is `password_enabled`"]);
    const bad = report(row("a", { mfa_active: "yes", access_key_1_last_rotated: "last week" }));
    expect(refusal(bad).map((m) => m.replace(/^2:\d+/, "2:_"))).toEqual([
      "2:_ `mfa_active`: expected true or false, or N/A",
      "2:_ `access_key_1_last_rotated`: expected an ISO 8601 date-time such as 2026-01-10T08:30:00+00:00, or N/A",
    ]);
    expect(refusal("", true)[0]).toMatch(/^1:1 empty file: expected an AWS IAM credential report/);
  });

  it("reads the fixture's ten rows", () => {
    const text = readFileSync(join(ROOT, "fixtures/sources/aws/credential-report.csv"), "utf8");
    const inv = inventory(text);
    expect(inv.identities).toHaveLength(10);
    expect(identity(inv, "aws/iam/user/ci-deploy").credential!.lastRotated).toBe("2024-02-10T11:20:05+00:00");
  });
});
