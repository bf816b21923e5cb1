import type { Defect } from "../load/schema/rules.js";

/** Output formats of `rules list`; kept apart from the formatter so the CLI can list them without loading it. */
export const RULE_LIST_FORMATS = ["text", "json"] as const;
export type RuleListFormat = (typeof RULE_LIST_FORMATS)[number];

// A record, not a list, so adding a defect class to the schema fails to compile here
// instead of silently missing from --defect's choices (the schema module loads zod).
const DEFECT_SET: Record<Defect, true> = { coordination: true, attribution: true, boundary: true, containment: true };
export const DEFECT_CHOICES = Object.keys(DEFECT_SET) as Defect[];
