import { formatGateGithubChunks } from "./formatGateGithub.js";
import { formatGateJsonChunks } from "./formatGateJson.js";
import { formatGateJunitChunks } from "./formatGateJunit.js";
import { formatGateMarkdown } from "./formatGateMarkdown.js";
import { formatGateSarifChunks } from "./formatGateSarif.js";
import { formatGateTextChunks } from "./formatGateText.js";
import { GATE_FORMATS, type GateFormat } from "./gateFormat.js";
import type { GateReport } from "./GateReport.js";
import { printableDeep } from "./printable.js";
import { withRootPaths } from "./repoPaths.js";

/**
 * A report to write, in pieces for every format that lists each finding (a large
 * inventory's report is larger than the longest string JavaScript can hold). Markdown, a
 * comment for people, lists the first findings of each kind and counts the rest. Text,
 * GitHub annotations and Markdown reach a terminal, a log or a page: what came from the
 * input is shown, never acted on.
 */
export function gateOutput(format: GateFormat, given: GateReport): Iterable<string> | string {
  // What is read on GitHub or beside the repository names files from its root; text and JSON, read where the gate ran, keep the paths as given.
  const report = given.repo && format !== "text" && format !== "json" ? { ...given, result: withRootPaths(given.result, given.repo) } : given;
  switch (format) {
    case "text":
      return formatGateTextChunks(printableDeep(report));
    case "json":
      return formatGateJsonChunks(report);
    case "sarif":
      return formatGateSarifChunks(report);
    case "junit":
      return formatGateJunitChunks(report);
    case "github":
      return formatGateGithubChunks(printableDeep(report));
    case "markdown":
      return formatGateMarkdown(printableDeep(report));
  }
}

/** Each format's report as one string, for reports known to be small. */
export const GATE_FORMATTERS = Object.fromEntries(
  GATE_FORMATS.map((format) => [
    format,
    (r: GateReport) => {
      const out = gateOutput(format, r);
      return typeof out === "string" ? out : [...out].join("");
    },
  ]),
) as Record<GateFormat, (r: GateReport) => string>;
