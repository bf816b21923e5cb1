/** Every `kind:` the tool reads. Folder scans use it to tell their own files from others. */
export const DOCUMENT_KINDS = [
  "Incident",
  "Inventory",
  "Waivers",
  "Answers",
  "Config",
  "RuleSet",
  "ChangeRules",
  "Questions",
  "Controls",
  "Symptoms",
  "RuleCases",
  "DomainReasoning",
  "DecisionSettings",
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * The `kind:` a file declares, read with a line match before any YAML parse, so a folder
 * scan can skip files of other kinds cheaply. Undefined when there is none.
 */
export function documentKind(text: string): string | undefined {
  return /^kind:\s*["']?(\w+)/m.exec(text)?.[1];
}
