import type { ArtifactLocation, PhysicalLocation, ReportingDescriptor, Result } from "sarif";
import type { Location } from "../gate/types.js";
import type { RulePack } from "../load/rulePack.js";
import type { Position } from "../load/sourceDoc.js";
import type { Severity } from "../load/schema/common.js";
import { displayRef } from "./AnalyzeReport.js";
import type { GateRuleInfo } from "./GateReport.js";

/** What a SARIF rule descriptor needs: any rule, posture, incident or change. */
export type RuleInfo = Pick<GateRuleInfo, "id" | "title" | "defect" | "severity" | "reasoning" | "controls" | "refs">;

export const LEVEL: Record<Severity, Result.level> = { critical: "error", high: "error", medium: "warning", low: "note", info: "note" };
/** GitHub buckets security-severity as critical > 9.0, high ≥ 7.0, medium ≥ 4.0, low > 0. */
export const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0", info: "1.0" };
export const INFORMATION_URI = "https://github.com/nhi-triage/nhi-triage";

const pascal = (id: string) =>
  id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase())
    .join("");

/**
 * A SARIF uri must be a URI reference: spaces, `%`, `?` and `#` would change its meaning, and
 * a `:` in a relative path would read as a scheme. Relative paths stay relative to the
 * checkout (%SRCROOT%) so GitHub can match them to files in the pull request.
 */
export function artifactLocation(file: string): ArtifactLocation {
  // encodeURI throws on a lone surrogate, which an NTFS file name may hold.
  const path = file.replace(/\\/g, "/").replace(/[\uD800-\uDFFF]/gu, "\uFFFD");
  const encode = (p: string) => encodeURI(p).replace(/[?#]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  if (/^[A-Za-z]:\//.test(path)) return { uri: `file:///${path.slice(0, 2)}${encode(path.slice(2))}` };
  if (path.startsWith("/")) return { uri: `file://${encode(path)}` };
  return { uri: encode(path.replace(/^(\.\/)+/, "")).replace(/:/g, "%3A"), uriBaseId: "%SRCROOT%" };
}

/** `end`, when given, is just past the last character, as SARIF's endColumn. */
export function physical(l: Location, end?: Position): PhysicalLocation {
  const region = { startLine: Math.max(1, l.line), startColumn: Math.max(1, l.column), ...(end ? { endLine: end.line, endColumn: end.column } : {}) };
  return { artifactLocation: artifactLocation(l.file), region };
}

export function help(rule: RuleInfo, pack: RulePack): { text: string; markdown: string } {
  const controls = rule.controls.map((id) => ({ id, title: pack.controls.get(id)?.title ?? id, what: pack.controls.get(id)?.what ?? "" }));
  const refs = rule.refs.map((r) => displayRef(r, pack));
  const text = [
    rule.reasoning,
    "",
    "Apply:",
    ...controls.map((c) => `- ${c.title} (${c.id})${c.what ? `: ${c.what}` : ""}`),
    "",
    "References:",
    ...refs.map((r) => `- ${r}`),
  ];
  const markdown = [
    rule.reasoning,
    "",
    "**Apply**",
    "",
    ...controls.map((c) => `- **${c.title}** (\`${c.id}\`)${c.what ? `: ${c.what}` : ""}`),
    "",
    "**References**",
    "",
    ...refs.map((r) => `- ${r}`),
  ];
  return { text: text.join("\n"), markdown: markdown.join("\n") };
}

/** Where the rules' pages are: `base` + `<id>.md` for every id in `pages`, the pages that exist. */
export interface RuleDocs {
  base: string;
  pages: ReadonlySet<string>;
}

/**
 * `%SRCROOT%` described, not given: a machine's absolute path would make the log differ from
 * one checkout to the next, and code scanning resolves relative uris against its checkout.
 */
export const SRCROOT = { "%SRCROOT%": { description: { text: "The repository's root folder: every relative uri is a path from it." } } };

export function descriptor(rule: RuleInfo, pack: RulePack, docs?: RuleDocs): ReportingDescriptor {
  return {
    id: rule.id,
    name: pascal(rule.id),
    // A rule from the user's own pack has no page of ours: no link rather than a broken one.
    ...(docs?.pages.has(rule.id) ? { helpUri: `${docs.base}${encodeURIComponent(rule.id)}.md` } : {}),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.reasoning },
    help: help(rule, pack),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      // SARIF requires unique tags; a rule may cite one reference twice across groups.
      tags: [...new Set(["security", rule.defect, ...rule.refs])],
      "security-severity": SECURITY_SEVERITY[rule.severity],
      precision: "high",
    },
  };
}

