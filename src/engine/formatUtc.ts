/**
 * An instant as `--now` reads it back: the day alone at 00:00 UTC (the usual case), else the
 * full UTC date-time, so a report's reference date reproduces its run exactly.
 */
export function formatUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  if (iso.endsWith("T00:00:00.000Z")) return iso.slice(0, 10);
  return iso.endsWith(".000Z") ? `${iso.slice(0, 19)}Z` : iso;
}
