import { formatGateGithub } from "./formatGateGithub.js";
import { formatGateJson } from "./formatGateJson.js";
import { formatGateJunit } from "./formatGateJunit.js";
import { formatGateMarkdown } from "./formatGateMarkdown.js";
import { formatGateSarif } from "./formatGateSarif.js";
import { formatGateText } from "./formatGateText.js";
import type { GateFormat } from "./gateFormat.js";
import type { GateReport } from "./GateReport.js";
import { printableDeep } from "./printable.js";

/** Text, GitHub annotations and Markdown reach a terminal, a log or a page: what came from the input is shown, never acted on. */
export const GATE_FORMATTERS: Record<GateFormat, (r: GateReport) => string> = {
  text: (r) => formatGateText(printableDeep(r)),
  json: formatGateJson,
  sarif: formatGateSarif,
  junit: formatGateJunit,
  github: (r) => formatGateGithub(printableDeep(r)),
  markdown: (r) => formatGateMarkdown(printableDeep(r)),
};
