import { formatGateJson } from "./formatGateJson.js";
import { formatGateText } from "./formatGateText.js";
import type { GateFormat } from "./gateFormat.js";
import type { GateReport } from "./GateReport.js";

export const GATE_FORMATTERS: Partial<Record<GateFormat, (r: GateReport) => string>> = {
  text: formatGateText,
  json: formatGateJson,
};
