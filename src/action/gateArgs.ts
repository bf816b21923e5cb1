import type { ActionInputs } from "./actionInputs.js";
import type { EventBase } from "./eventBase.js";

/**
 * The one `gate` run the action makes: SARIF and Markdown to files, annotations to the
 * log. An explicit `base` input wins over the event's; with neither the gate judges the
 * posture alone.
 */
export function gateArgs(inputs: ActionInputs, base: EventBase): string[] {
  const args = ["gate"];
  if (inputs.INPUT_DISCOVER.length) args.push("--discover", ...inputs.INPUT_DISCOVER);
  else if (inputs.INPUT_INVENTORY !== undefined) args.push(inputs.INPUT_INVENTORY);
  if (inputs.INPUT_BASE !== undefined) args.push("--base", inputs.INPUT_BASE);
  else if (base.kind === "commit") args.push("--base", `git:${base.sha}`);
  if (inputs.INPUT_WAIVERS !== undefined) args.push("--waivers", inputs.INPUT_WAIVERS);
  for (const dir of inputs.INPUT_RULES) args.push("--rules", dir);
  if (inputs.INPUT_FAIL_ON !== undefined) args.push("--fail-on", inputs.INPUT_FAIL_ON);
  if (inputs.INPUT_STRICT) args.push("--strict");
  if (inputs.INPUT_GITHUB_DEFAULT_PERMISSIONS !== undefined) args.push("--github-default-permissions", inputs.INPUT_GITHUB_DEFAULT_PERMISSIONS);
  // `=` joins a format to its file, so a file name is never read as a flag.
  args.push("--format", `sarif=${inputs.INPUT_SARIF}`, "--format", `markdown=${inputs.INPUT_MARKDOWN}`, "--format", "github");
  return args;
}
