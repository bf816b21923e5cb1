import type { AnalyzeFormat } from "./analyzeFormat.js";
import type { AnalyzeReport } from "./AnalyzeReport.js";
import { formatJson } from "./formatJson.js";
import { formatMarkdown } from "./formatMarkdown.js";
import { formatNdjson } from "./formatNdjson.js";
import { formatSarif } from "./formatSarif.js";
import { formatText } from "./formatText.js";


export const ANALYZE_FORMATTERS = {
  text: formatText,
  json: formatJson,
  ndjson: formatNdjson,
  markdown: formatMarkdown,
  sarif: formatSarif,
} satisfies Record<AnalyzeFormat, (r: AnalyzeReport) => string>;
