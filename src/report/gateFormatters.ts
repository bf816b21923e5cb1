import { formatGateGithub } from "./formatGateGithub.js";
import { formatGateJson } from "./formatGateJson.js";
import { formatGateJunit } from "./formatGateJunit.js";
import { formatGateMarkdown } from "./formatGateMarkdown.js";
import { formatGateSarif } from "./formatGateSarif.js";
import { formatGateText } from "./formatGateText.js";
import type { GateFormat } from "./gateFormat.js";
import type { GateReport } from "./GateReport.js";

export const GATE_FORMATTERS: Record<GateFormat, (r: GateReport) => string> = {
  text: formatGateText,
  json: formatGateJson,
  sarif: formatGateSarif,
  junit: formatGateJunit,
  github: formatGateGithub,
  markdown: formatGateMarkdown,
};
