import { UsageError } from "../load/diagnostic.js";

/** The reference date for ages: --now, or today at 00:00 UTC so a day's runs agree. */
export function parseNow(now: string | undefined): number {
  if (now === undefined) {
    const d = new Date();
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(now) || Number.isNaN(Date.parse(now))) {
    throw new UsageError(`--now ${now}: expected a date such as 2026-11-23`);
  }
  return Date.parse(now);
}
