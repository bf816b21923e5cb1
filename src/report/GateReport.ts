import type { GateResult } from "../gate/types.js";
import type { RulePack } from "../load/rulePack.js";
import type { Severity } from "../load/schema/common.js";
import type { Defect } from "../load/schema/rules.js";
import type { RepoRoot } from "./repoPaths.js";
import type { RuleDocs } from "./sarifParts.js";
import type { Style } from "./style.js";

/** Where a workflow run's files and log are on GitHub; the CLI fills it from the runner's environment. */
export interface GateLinks {
  /** `${server}/${repository}/blob/${sha}/`: a file's path from the root and `#L<line>` follow. */
  blob?: string;
  /** The run's page, where the full reports are. */
  run?: string;
}

/** Everything a gate formatter needs; formatters are pure functions of this. */
export interface GateReport {
  result: GateResult;
  pack: RulePack;
  style: Style;
  /** The tool's version, for SARIF's driver. */
  version: string;
  /** Given, SARIF, annotations, JUnit and Markdown name files from this root rather than from the working folder. */
  repo?: RepoRoot;
  links?: GateLinks;
  /** Given, SARIF rules link their pages. */
  ruleDocs?: RuleDocs;
}

/** A rule the gate can report, posture or change, as formatters describe it. */
export interface GateRuleInfo {
  id: string;
  origin: "posture" | "change";
  title: string;
  defect: Defect;
  severity: Severity;
  reasoning: string;
  controls: string[];
  refs: string[];
}

/** Every rule the gate checks, sorted by id, so reports list them in one stable order. */
export function gateRules(pack: RulePack): GateRuleInfo[] {
  const posture = pack.rules
    .filter((r) => r.scope === "inventory")
    .map((r) => ({ id: r.id, origin: "posture" as const, title: r.title, defect: r.defect, severity: r.severity, reasoning: r.reasoning, controls: r.controls, refs: r.refs }));
  const changes = pack.changes.map((c) => ({
    id: c.id, origin: "change" as const, title: c.title, defect: c.defect, severity: c.severity, reasoning: c.reasoning, controls: c.controls, refs: c.refs,
  }));
  return [...posture, ...changes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** One line on what the gate compared against. */
export function baseLine(r: GateResult): string {
  switch (r.base.kind) {
    case "none":
      return "no base: every finding counts as new";
    case "absent":
      return `base ${r.base.label} does not exist yet: every finding counts as new`;
    case "invalid":
      return `base ${r.base.label} could not be read (${r.base.problems} problem${r.base.problems === 1 ? "" : "s"}): every finding counts as new`;
    case "present":
      return `compared with ${r.base.label}`;
  }
}
