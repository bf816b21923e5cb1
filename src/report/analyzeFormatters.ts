import type { AnalyzeFormat } from "./analyzeFormat.js";
import type { AnalyzeReport } from "./AnalyzeReport.js";
import { formatJson } from "./formatJson.js";
import { formatMarkdown } from "./formatMarkdown.js";
import { formatNdjson } from "./formatNdjson.js";
import { formatSarif } from "./formatSarif.js";
import { formatText } from "./formatText.js";
import { printableDeep } from "./printable.js";

/** Text and Markdown reach a terminal or a rendered page, so what came from the input is shown, never acted on; JSON and SARIF escape it. */
export const ANALYZE_FORMATTERS = {
  text: (r) => formatText(printableDeep(r)),
  json: formatJson,
  ndjson: formatNdjson,
  markdown: (r) => formatMarkdown(printableDeep(r)),
  sarif: formatSarif,
} satisfies Record<AnalyzeFormat, (r: AnalyzeReport) => string>;
