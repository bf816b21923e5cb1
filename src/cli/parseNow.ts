import { parseUtc } from "../engine/parseUtc.js";
import { UsageError } from "../load/diagnostic.js";
import { isCalendarDate } from "../load/schema/common.js";

/**
 * The reference date for ages and expiry: --now, read by the same rule as dates in files
 * (a real calendar date; a time without a zone is UTC), or today at 00:00 UTC so a day's
 * runs agree.
 */
export function parseNow(now: string | undefined): number {
  if (now === undefined) {
    const d = new Date();
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  }
  if (!isCalendarDate(now)) {
    throw new UsageError(`--now ${now}: expected a real calendar date such as 2026-11-23 (a date-time such as 2026-11-23T08:30 is read as UTC)`);
  }
  return parseUtc(now);
}
