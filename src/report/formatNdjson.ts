import type { AnalyzeReport } from "./AnalyzeReport.js";
import { triageDocument } from "./toJson.js";

/** One Triage document per line; unreadable files go to stderr, not into the stream. */
export function formatNdjson(r: AnalyzeReport): string {
  return r.results.map((t) => `${JSON.stringify(triageDocument(t))}\n`).join("");
}
