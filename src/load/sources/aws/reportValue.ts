import { isCalendarDate } from "../../schema/common.js";

/** What the report writes where a value does not apply or is not known: never a date, never false. */
const SENTINELS = new Set(["N/A", "no_information", "not_supported", ""]);

export type ReportValue<T> = { ok: true; value: T | undefined } | { ok: false };

/** A `true`/`false` column; a sentinel is unknown. */
export function reportBoolean(v: string): ReportValue<boolean> {
  if (v === "true" || v === "false") return { ok: true, value: v === "true" };
  return SENTINELS.has(v) ? { ok: true, value: undefined } : { ok: false };
}

/** An ISO 8601 date-time column (`2026-01-10T08:30:00+00:00`); a sentinel is unknown. */
export function reportDate(v: string): ReportValue<string> {
  if (SENTINELS.has(v)) return { ok: true, value: undefined };
  return isCalendarDate(v) ? { ok: true, value: v } : { ok: false };
}
