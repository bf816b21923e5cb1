import { afterAll, describe, expect, it } from "vitest";
import { parseNow } from "../../src/cli/parseNow.js";
import { formatUtc } from "../../src/engine/formatUtc.js";
import { UsageError } from "../../src/load/diagnostic.js";

// The zones a day apart from UTC at their extremes; Node applies a changed TZ at once.
const ZONES = ["America/Adak", "Pacific/Kiritimati", "UTC"];
const initialTz = process.env.TZ;
afterAll(() => {
  if (initialTz === undefined) delete process.env.TZ;
  else process.env.TZ = initialTz;
});

describe.each(ZONES)("--now under TZ=%s", (zone) => {
  process.env.TZ = zone;
  it.each([
    ["2026-11-23", Date.UTC(2026, 10, 23)],
    ["2027-03-31T20:00", Date.UTC(2027, 2, 31, 20)],
    ["2027-03-31T20:00:30", Date.UTC(2027, 2, 31, 20, 0, 30)],
    ["2027-03-31T20:00Z", Date.UTC(2027, 2, 31, 20)],
    ["2027-03-31T20:00-10:00", Date.UTC(2027, 3, 1, 6)],
    ["2028-02-29", Date.UTC(2028, 1, 29)],
  ])("%s is read as UTC unless it names its zone", (text, ms) => {
    process.env.TZ = zone;
    expect(parseNow(text)).toBe(ms);
  });

  it.each(["2026-02-30", "2026-02-29", "2026-04-31", "2026-13-01", "2026-11-23junk", "2026-11-23T24:00", "2026-11-23T10:60", "2026-11-23 10:00", "23/11/2026", "2026-11", "today", ""])(
    "%j is refused as bad usage",
    (text) => {
      expect(() => parseNow(text)).toThrow(UsageError);
      expect(() => parseNow(text)).toThrow(`--now ${text}: expected a real calendar date such as 2026-11-23`);
    },
  );

  it("defaults to today at 00:00 UTC", () => {
    const ms = parseNow(undefined);
    expect(ms % 86_400_000).toBe(0);
    expect(Date.now() - ms).toBeLessThan(86_400_000 + 60_000);
  });
});

describe("formatUtc", () => {
  it("gives back what --now reads to the same instant", () => {
    for (const text of ["2026-11-23", "2027-03-31T20:00:00Z", "2027-03-31T20:00:30.250Z"]) {
      expect(formatUtc(parseNow(text))).toBe(text);
      expect(parseNow(formatUtc(parseNow(text)))).toBe(parseNow(text));
    }
    expect(formatUtc(parseNow("2027-03-31T20:00"))).toBe("2027-03-31T20:00:00Z");
  });
});
