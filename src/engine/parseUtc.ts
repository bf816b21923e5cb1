/**
 * A date or date-time as epoch milliseconds. A date is the start of that UTC day, and a
 * date-time without a zone is read as UTC too, so no verdict changes with the machine's TZ.
 * Callers have checked the text with `isCalendarDate` (load/schema/common.ts).
 */
export function parseUtc(date: string): number {
  return Date.parse(date.length > 10 && !/(Z|[+-]\d{2}:?\d{2})$/i.test(date) ? `${date}Z` : date);
}
