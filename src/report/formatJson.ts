import type { AnalyzeReport } from "./AnalyzeReport.js";
import { jsonChunks, LazyList } from "./jsonChunks.js";
import { batchDocument, triageDocument } from "./toJson.js";

/** One Triage document for a single incident file; a TriageBatch for a batch. */
export function formatJson(r: AnalyzeReport): string {
  return [...formatJsonChunks(r)].join("");
}

/** The same bytes in pieces: a batch of 10k incidents makes a report of a few hundred MB. */
export function* formatJsonChunks(r: AnalyzeReport): Generator<string> {
  if (r.batch) {
    yield* jsonChunks({ ...batchDocument([], r.summary, r.errors), results: new LazyList(r.results, triageDocument) });
    return;
  }
  if (r.results[0]) yield `${JSON.stringify(triageDocument(r.results[0]), null, 2)}\n`;
}
