import type { AnalyzeReport } from "./AnalyzeReport.js";
import { batchDocument, triageDocument } from "./toJson.js";

/** One Triage document for a single incident file; a TriageBatch for a batch. */
export function formatJson(r: AnalyzeReport): string {
  const doc = r.batch ? batchDocument(r.results, r.summary, r.errors) : r.results[0] ? triageDocument(r.results[0]) : undefined;
  return doc ? `${JSON.stringify(doc, null, 2)}\n` : "";
}
