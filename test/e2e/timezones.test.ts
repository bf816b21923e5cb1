import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers.js";
import { run } from "./run.js";

/** Adak is UTC-10 and Kiritimati UTC+14: a local reading of a date moves it by most of a day. */
const ZONES = ["America/Adak", "Pacific/Kiritimati", "UTC"];
const GATE = ["--no-config", "gate", "fixtures/gate/head.yaml", "--base", "fixtures/gate/base.yaml", "--waivers", "fixtures/gate/waivers.yaml"];
const inZone = (args: string[], zone: string, cwd?: string) => run(args, { env: { TZ: zone }, ...(cwd ? { cwd } : {}) });

describe("dates are UTC in every time zone (end to end)", () => {
  it("--now with a time is read as UTC: the waiver that expires 2027-03-31 still holds at 20:00 that day", () => {
    const runs = ZONES.map((zone) => inZone([...GATE, "--now", "2027-03-31T20:00", "--format", "json"], zone));
    for (const r of runs) {
      expect(r.stderr).not.toMatch(/NHI-STATIC-SECRET on identity:legacy-billing-key expired/);
      const doc = JSON.parse(r.stdout);
      expect(doc.now).toBe("2027-03-31T20:00:00Z");
      expect(doc.waived.map((f: { rule: string; subject: string }) => `${f.rule} ${f.subject}`)).toContain("NHI-STATIC-SECRET identity:legacy-billing-key");
      expect(doc.expiredWaivers.map((w: { rule: string }) => w.rule)).toEqual(["NHI-SHARED-BY-TEAMS"]);
    }
    expect(new Set(runs.map((r) => `${r.code}\n${r.stdout}\n${r.stderr}`)).size).toBe(1);
  });

  it("the markdown report's reproduce command carries the time, so it reruns the same instant", () => {
    const r = inZone([...GATE, "--now", "2027-03-31T20:00", "--format", "markdown"], "America/Adak");
    expect(r.stdout).toContain("--now 2027-03-31T20:00:00Z`");
    const day = inZone([...GATE, "--now", "2026-11-23", "--format", "markdown"], "America/Adak");
    expect(day.stdout).toContain("--now 2026-11-23`");
  });

  it.each(ZONES)("under TZ=%s an impossible or malformed --now is bad usage, exit 2, one line", (zone) => {
    for (const now of ["2026-02-30", "2026-11-23junk", "2026-11-23T24:00", "23/11/2026"]) {
      for (const command of [GATE, ["--no-config", "analyze", "fixtures/incidents/inc-01-retry-replays-migration.yaml"]]) {
        const r = inZone([...command, "--now", now], zone);
        expect(r.code, `${command[1]} --now ${now}`).toBe(2);
        expect(r.stdout).toBe("");
        expect(r.stderr).toBe(`error  --now ${now}: expected a real calendar date such as 2026-11-23 (a date-time such as 2026-11-23T08:30 is read as UTC)\n`);
      }
    }
  });

  it.each(ZONES)("under TZ=%s an impossible date in an inventory or a waivers file is exit 2 at file:line:column", (zone) => {
    const dir = tempDir("nhi-dates-");
    writeFileSync(
      join(dir, "inv.yaml"),
      [
        "apiVersion: nhi-triage/v1",
        "kind: Inventory",
        "identities:",
        "  - id: key-a",
        "    kind: api-key",
        "    credential: { type: static-secret, maxAge: 30d, lastRotated: 2026-02-30 }",
        "    lastUsed: 2026-11-23junk",
        "",
      ].join("\n"),
    );
    const inv = inZone(["--no-config", "gate", "inv.yaml", "--now", "2026-11-23"], zone, dir);
    expect(inv.code).toBe(2);
    expect(inv.stdout).toBe("");
    const errors = inv.stderr.split("\n").filter((l) => /^\S+:\d+:\d+ {2}error/.test(l));
    expect(errors).toEqual([
      "inv.yaml:6:66  error  identities[0].credential.lastRotated: expected a real calendar date",
      "inv.yaml:7:15  error  identities[0].lastUsed: expected a date such as 2026-01-10, or a date-time such as 2026-01-10T08:30:00Z (ISO 8601)",
    ]);

    writeFileSync(join(dir, "ok.yaml"), "apiVersion: nhi-triage/v1\nkind: Inventory\nidentities:\n  - { id: key-a, kind: api-key, owner: team-a }\n");
    writeFileSync(
      join(dir, "waivers.yaml"),
      "apiVersion: nhi-triage/v1\nkind: Waivers\nwaivers:\n  - { rule: NHI-STATIC-SECRET, subject: identity:key-a, reason: r, owner: o, expires: 2026-02-29 }\n",
    );
    const w = inZone(["--no-config", "gate", "ok.yaml", "--waivers", "waivers.yaml", "--now", "2026-11-23"], zone, dir);
    expect(w.code).toBe(2);
    expect(w.stderr.split("\n")[0]).toBe("waivers.yaml:4:87  error  waivers[0].expires: expected a real calendar date");
  });

  it("a date-time without a zone in a file is UTC: a credential's age does not move with TZ", () => {
    const dir = tempDir("nhi-dates-");
    // 30 days and 4 hours before 2026-11-23T00:00Z: past a 29-day max age. Read in Adak's
    // local time it would be 29 days and 14 hours old, and pass.
    writeFileSync(
      join(dir, "inv.yaml"),
      "apiVersion: nhi-triage/v1\nkind: Inventory\nidentities:\n  - id: key-a\n    kind: api-key\n    owner: team-a\n    credential: { type: static-secret, maxAge: 29d, lastRotated: 2026-10-23T20:00, storage: vault }\n",
    );
    const runs = ZONES.map((zone) => inZone(["--no-config", "gate", "inv.yaml", "--now", "2026-11-23", "--format", "json"], zone, dir));
    for (const r of runs) {
      const doc = JSON.parse(r.stdout);
      const secret = doc.new.find((f: { rule: string }) => f.rule === "NHI-STATIC-SECRET");
      expect(secret?.evidence).toContain("identity key-a: credential past its max age: yes");
    }
    expect(new Set(runs.map((r) => r.stdout)).size).toBe(1);
  });
});
