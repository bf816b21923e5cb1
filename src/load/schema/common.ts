import { z } from "zod";
import { SEVERITIES, severityRank } from "../severity.js";

export const API_VERSION = "nhi-triage/v1" as const;

export const Id = z.string().min(1, "expected a non-empty id").describe("A unique identifier within its list.");

export const Duration = z
  .string()
  .regex(/^[1-9][0-9]*[smhd]$/, "expected a duration such as 90d, 12h, 30m or 45s")
  .describe("A lifetime or interval: a whole number followed by s, m, h or d.");

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export const DateString = z
  .string()
  .regex(ISO_DATE, "expected a date such as 2026-01-10 (ISO 8601)")
  .refine((s) => !Number.isNaN(Date.parse(s)), "expected a real calendar date")
  .describe("An ISO 8601 date (2026-01-10) or date-time.");

export const Severity = z.enum(SEVERITIES);
export { SEVERITIES, severityRank };
export type Severity = z.infer<typeof Severity>;

export const DURATION_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

export function durationSeconds(d: string): number {
  const unit = d.at(-1) as keyof typeof DURATION_SECONDS;
  return Number(d.slice(0, -1)) * DURATION_SECONDS[unit];
}
