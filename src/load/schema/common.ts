import { z } from "zod";
import { SEVERITIES, severityRank } from "../severity.js";

export const API_VERSION = "nhi-triage/v1" as const;

export const Id = z.string().min(1, "expected a non-empty id").describe("A unique identifier within its list.");

export const Duration = z
  .string()
  .regex(/^[1-9][0-9]*[smhd]$/, "expected a duration such as 90d, 12h, 30m or 45s")
  .describe("A lifetime or interval: a whole number followed by s, m, h or d.");

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
/** ISO_DATE with its fields captured, for the calendar check. */
const ISO_DATE_FIELDS = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?$/;
const DATE_FORMAT = "expected a date such as 2026-01-10, or a date-time such as 2026-01-10T08:30:00Z (ISO 8601)";

/**
 * Date.parse alone is lenient (it reads 2026-02-30 as March 2 and 24:00 as the next day),
 * so each field is checked against the calendar.
 */
export function isCalendarDate(s: string): boolean {
  // A plain date is most of what inventories hold: checked without a regex, slices or a Date.
  if (s.length === 10) return isPlainDate(s);
  const m = ISO_DATE_FIELDS.exec(s);
  if (!m) return false;
  const [year, month, day, hour = 0, minute = 0, second = 0, zoneHour = 0, zoneMinute = 0] = m.slice(1).map((x) => (x === undefined ? undefined : Number(x)));
  // Day 0 of the next month is the last day of this one (setUTCFullYear, unlike Date.UTC, keeps years below 100).
  const daysInMonth = new Date(new Date(0).setUTCFullYear(year!, month!, 0)).getUTCDate();
  return (
    month! >= 1 && month! <= 12 && day! >= 1 && day! <= daysInMonth &&
    hour <= 23 && minute <= 59 && second <= 59 && zoneHour <= 23 && zoneMinute <= 59 &&
    !Number.isNaN(Date.parse(s))
  );
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYY-MM-DD` naming a day of the proleptic Gregorian calendar (what Date uses). */
function isPlainDate(s: string): boolean {
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    year = year * 10 + d;
  }
  const digit = (i: number) => {
    const d = s.charCodeAt(i) - 48;
    return d >= 0 && d <= 9 ? d : NaN;
  };
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const month = digit(5) * 10 + digit(6);
  const day = digit(8) * 10 + digit(9);
  if (!(month >= 1 && month <= 12 && day >= 1)) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

export const DateString = z
  .string({ error: DATE_FORMAT })
  // Text that is not a date at all gets one message, not a second about the calendar too.
  .regex(ISO_DATE, { error: DATE_FORMAT, abort: true })
  .refine(isCalendarDate, "expected a real calendar date")
  .describe("An ISO 8601 date (2026-01-10) or date-time.");

export const Severity = z.enum(SEVERITIES);
export { SEVERITIES, severityRank };
export type Severity = z.infer<typeof Severity>;

export const DURATION_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

export function durationSeconds(d: string): number {
  const unit = d.at(-1) as keyof typeof DURATION_SECONDS;
  return Number(d.slice(0, -1)) * DURATION_SECONDS[unit];
}
