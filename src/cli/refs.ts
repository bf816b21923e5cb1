import { didYouMean } from "../load/closest.js";
import { UsageError } from "../load/diagnostic.js";
import { loadFrameworks, type FrameworkInfo } from "../load/loadFrameworks.js";
import type { RulePack } from "../load/rulePack.js";
import { formatRefsJson } from "../report/formatRefsJson.js";
import { formatRefsText } from "../report/formatRefsText.js";
import { lookupRef } from "../report/lookupRef.js";
import { catalogFrameworks, catalogOverview, citationIndex, entryView, frameworkCoverage } from "../report/refsCoverage.js";
import type { RefsFormat } from "../report/refsFormat.js";
import type { RefsView } from "../report/RefsView.js";
import { BUILTIN_RULES_DIR } from "./builtinRules.js";
import { loadPackFor, projectConfig, reportChanges, type ConfigChoice } from "./settings.js";
import { terminalStyle } from "./style.js";
import { writeOutput } from "./writeOutput.js";
import { printableDeep } from "../report/printable.js";

export interface RefsOptions {
  /** A framework id (NHI7:2025, PR.AA-05, …): that entry and what cites it. */
  id?: string;
  /** A framework name (owasp-nhi, …): its entries and the rules that detect each. */
  framework?: string;
  rules: string[];
  format: RefsFormat;
  noColor?: boolean;
  quiet?: boolean;
  config?: ConfigChoice;
}

/** Shows the framework catalog, one entry, or one framework's coverage; returns the exit code. */
export async function refs(opts: RefsOptions): Promise<number> {
  if (opts.id !== undefined && opts.framework !== undefined) {
    throw new UsageError("give a framework id or --framework NAME, not both");
  }
  const config = await projectConfig(opts.config);
  // The project's overrides apply as in analyze and gate: a rule turned off detects nothing.
  const { pack, changes } = await loadPackFor(opts.rules, config);
  // Same folders as loadPackFor: --rules when given, else the config's rule packs.
  const extra = opts.rules.length ? opts.rules : (config?.rulePacks ?? []);
  const frameworks = catalogFrameworks(pack.catalog, await loadFrameworks([BUILTIN_RULES_DIR, ...extra]));
  const view = refsView(pack, frameworks, opts);
  const text = opts.format === "json" ? formatRefsJson(view) : formatRefsText(printableDeep(view), terminalStyle(process.stdout, opts.noColor));
  await writeOutput(text, undefined);
  reportChanges(changes, opts.quiet);
  return 0;
}

function refsView(pack: RulePack, frameworks: readonly FrameworkInfo[], opts: RefsOptions): RefsView {
  const index = citationIndex(pack);
  const { id } = opts;
  if (id !== undefined) {
    const found = lookupRef(pack, id);
    if (found.kind === "csf11") {
      const to = found.successors;
      const next =
        to.length === 0
          ? "it has no CSF 2.0 successor"
          : `its CSF 2.0 ${to.length === 1 ? "successor is" : "successors are"} ${to.join(", ")} (nhi-triage refs ${to[0]})`;
      throw new UsageError(`${found.id} is a NIST CSF 1.1 id, which the catalog does not hold; ${next}`);
    }
    const named = frameworks.find((f) => f.name.toLowerCase() === id.toLowerCase());
    if (found.kind === "unknown" && named) {
      throw new UsageError(`"${id}" is a framework, not one of its ids: nhi-triage refs --framework ${named.name}`);
    }
    if (found.kind === "unknown") {
      const hint = found.suggestions.length
        ? `; did you mean ${found.suggestions.map((x) => `"${x}"`).join(" or ")}?`
        : "; nhi-triage refs --framework NAME lists a framework's ids";
      throw new UsageError(`unknown framework id "${found.id}"${hint}`);
    }
    return { mode: "entry", view: entryView(pack.catalog, index, frameworks, found.entry) };
  }
  if (opts.framework !== undefined) {
    const wanted = opts.framework.toLowerCase();
    const framework = frameworks.find((f) => f.name.toLowerCase() === wanted);
    if (!framework) {
      const names = frameworks.map((f) => f.name);
      throw new UsageError(`unknown framework "${opts.framework}"${didYouMean(opts.framework, names) || "."} Known frameworks: ${names.join(", ")}`);
    }
    return { mode: "framework", coverage: frameworkCoverage(pack.catalog, index, framework) };
  }
  return {
    mode: "catalog",
    frameworks: catalogOverview(pack.catalog, index, frameworks),
    pack: {
      posture: pack.rules.filter((r) => r.scope === "inventory").length,
      incident: pack.rules.filter((r) => r.scope !== "inventory").length,
      change: pack.changes.length,
      controls: pack.controls.size,
    },
    crosswalk: pack.crosswalk.size,
  };
}
