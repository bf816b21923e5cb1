/** The time from one date to a later one as an inventory Duration (90d, 12h, 30m, 45s), in its largest whole unit; undefined when it is not positive. */
export function durationBetween(from: string, to: string): string | undefined {
  const seconds = Math.round((Date.parse(to) - Date.parse(from)) / 1000);
  if (!(seconds > 0)) return undefined;
  for (const [unit, size] of [["d", 86400], ["h", 3600], ["m", 60]] as const) if (seconds % size === 0) return `${seconds / size}${unit}`;
  return `${seconds}s`;
}
