import { z } from "zod";
import { API_VERSION, Severity } from "./common.js";
import { ConceptId, Frame } from "./concepts.js";

const RuleId = z.string().regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/, "expected an upper-case id such as ORCH-RETRY-REPLAY");
const ControlId = z.string().regex(/^CTL(-[A-Z0-9]+)+$/, "expected a control id such as CTL-IDEMPOTENT-STEPS");
const SymptomCode = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, "expected a lower-case kebab-case code");

export const LEANINGS = ["coordination", "attribution", "boundary"] as const;
export const DEFECTS = ["coordination", "attribution", "boundary", "containment"] as const;
export const LAYERS = ["orchestration", "identity", "containment"] as const;
export const SUBJECTS = ["incident", "identity", "workflow", "step", "agent"] as const;
export const SCOPES = ["incident", "inventory"] as const;
export type Leaning = (typeof LEANINGS)[number];
export type Defect = (typeof DEFECTS)[number];
export type Layer = (typeof LAYERS)[number];
export type SubjectKind = (typeof SUBJECTS)[number];
export type Scope = (typeof SCOPES)[number];

/** A phrase with conditions on its match: the senses that rule it out, the order of its words. */
export const PhraseRule = z.strictObject({
  phrase: z.string().min(1).describe("The phrase, written as a plain phrase entry is."),
  exclude: z.array(ConceptId).min(1).optional().describe("Concepts (rules/concepts.yaml) whose presence in the match's clause, outside its own words, means another sense."),
  ordered: z.boolean().optional().describe("Whether the words must occur in the order written (\"token can read every\", not \"tokens that every workflow can read\")."),
});
export type PhraseRule = z.infer<typeof PhraseRule>;

/** A phrase entry's words, whether written plain or with conditions. */
export function phraseOf(entry: string | PhraseRule): string {
  return typeof entry === "string" ? entry : entry.phrase;
}

export const Symptom = z.strictObject({
  code: SymptomCode.describe("Public, never changes meaning."),
  leaning: z.enum(LEANINGS).describe("Which defect class the symptom points to."),
  meaning: z.string().min(1).describe("One line."),
  aliases: z.array(SymptomCode).optional().describe("Other spellings accepted in incidents, mapped to this code."),
  phrases: z
    .array(z.union([z.string().min(1), PhraseRule]))
    .optional()
    .describe("Free-text detectors: words in any order within a short window; `a|b` alternatives; `word*` a prefix."),
  frames: z.array(Frame).optional().describe("Concept frames (rules/concepts.yaml) that detect the symptom when their concepts meet."),
});

export const SymptomsFile = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal("Symptoms"),
  symptoms: z.array(Symptom),
});

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const FactTest = z.strictObject({
  fact: z.string().min(1).describe("A fact name, e.g. step.retries (see docs/rule-format.md)."),
  equals: Scalar.optional().describe("Known and equal."),
  notEquals: Scalar.optional().describe("Unknown or different: true unless the fact is proven equal."),
  in: z.array(Scalar).min(1).optional().describe("Known and one of these."),
  gt: z.number().optional(),
  gte: z.number().optional(),
  lt: z.number().optional(),
  lte: z.number().optional(),
  present: z.boolean().optional().describe("Whether the inventory records the fact at all."),
  includes: z.string().optional().describe("A list fact that contains this value."),
  includesAny: z.array(z.string()).min(1).optional().describe("A list fact that contains one of these."),
  excludes: z.string().optional().describe("A list fact that is unknown or lacks this value."),
});
export const OPERATORS = ["equals", "notEquals", "in", "gt", "gte", "lt", "lte", "present", "includes", "includesAny", "excludes"] as const;
export type Operator = (typeof OPERATORS)[number];
export type FactTest = z.infer<typeof FactTest>;

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { symptom: string }
  | FactTest;

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(Condition).min(1).describe("Every condition holds.") }),
    z.strictObject({ any: z.array(Condition).min(1).describe("At least one condition holds.") }),
    z.strictObject({ not: Condition }),
    z.strictObject({ symptom: SymptomCode.describe("The incident shows this symptom (declared or detected).") }),
    FactTest,
  ]),
);

export const WhenUnknown = z.strictObject({
  title: z.string().min(1).describe("The finding's title in its own words, e.g. \"Static secret cannot be shown to be rotated within its max age\"."),
  severity: Severity.optional().describe("Its severity, at most the rule's; the rule's own when absent."),
});

/** A peer tool's check that looks for the same thing (zizmor, Scorecard, kubescape, Prowler…). */
export const SeeAlso = z.strictObject({
  tool: z.string().min(1).describe("The peer tool, e.g. zizmor, scorecard, kubescape, prowler, checkov."),
  id: z.string().min(1).describe("Its check's id as the tool names it, e.g. dangerous-triggers, Token-Permissions, C-0185."),
  url: z.url().optional().describe("Where the tool documents that check."),
});

export const Rule = z.strictObject({
  id: RuleId,
  title: z.string().min(1),
  scope: z
    .enum(SCOPES)
    .optional()
    .describe("incident (default): analyze checks it on what an incident touches. inventory: it reads the inventory alone, so the gate checks it on every entry too."),
  defect: z.enum(DEFECTS).describe("coordination and attribution score toward a decision; boundary toward both; containment never."),
  severity: Severity,
  weight: z.number().min(0).max(10).describe("How strongly a firing points at its defect class."),
  subject: z.enum(SUBJECTS).describe("What the rule is evaluated on: the incident, or each affected identity, workflow, step or agent."),
  when: Condition,
  whenUnknown: WhenUnknown.optional().describe(
    "What the rule says when a fact its condition needs is not recorded, so the condition is neither true nor false: it fires as an unknown finding with this wording. Without it (and without unknownSafe) the rule's own title and severity are used.",
  ),
  unknownSafe: z
    .string()
    .min(1)
    .optional()
    .describe("Why a condition left undecided by an unrecorded fact is safe to pass over for this rule; then it does not fire. Exclusive with whenUnknown."),
  reasoning: z.string().min(1).describe("Why this matters, in one or two sentences."),
  controls: z.array(ControlId).min(1),
  refs: z.array(z.string().min(1)).min(1).describe("Keys from the framework catalog."),
  encodes: z.array(z.string().min(1)).optional().describe("Keys of the domain reasoning lines (rules/domain.yaml) this rule encodes."),
  seeAlso: z.array(SeeAlso).min(1).optional().describe("The peer tools' checks this rule corresponds to, so a team can line its findings up with theirs."),
});

export const RulesFile = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal("RuleSet"),
  rules: z.array(Rule),
});

export const CHANGE_KINDS = ["gains", "removed", "increases", "weakens"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const INVENTORY_SUBJECTS = ["identity", "workflow", "step", "agent"] as const;

/**
 * A change between the base and the head inventory that adds risk even when no posture
 * finding is new by name: privileges widened on an identity that was already broad.
 */
export const InventoryChangeRule = z.strictObject({
  id: RuleId,
  title: z.string().min(1),
  defect: z.enum(DEFECTS),
  severity: Severity,
  subject: z.enum(INVENTORY_SUBJECTS).describe("Which inventory entries are compared, matched by id."),
  fact: z.string().min(1).describe("The fact compared between base and head (see docs/rule-format.md)."),
  change: z
    .enum(CHANGE_KINDS)
    .describe("gains: a list fact gained values. removed: a recorded value was removed. increases: a number rose (or its limit was removed). weakens: a value moved down `scale`."),
  scale: z
    .array(z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]))
    .min(2)
    .optional()
    .describe("For weakens: the values from strongest to weakest, a list for equals; a value not listed, or none, is weakest."),
  when: Condition.optional().describe("Only when this also holds on the head entry."),
  reasoning: z.string().min(1),
  controls: z.array(ControlId).min(1),
  refs: z.array(z.string().min(1)).min(1),
});

/**
 * A change to the gate's own settings between the base commit and the head (`gate --base
 * git:REF`): a rule turned off or lowered, failOn raised, a rule pack removed, the waivers
 * file swapped. The base commit's settings judge the pull request; this rule reports what
 * the head would weaken, and no waiver can accept it.
 */
export const ConfigChangeRule = z.strictObject({
  id: RuleId,
  title: z.string().min(1),
  defect: z.enum(DEFECTS),
  severity: Severity,
  subject: z.literal("config").describe("The gate's settings: project config, rule packs, waivers file."),
  change: z.literal("weakens").describe("weakens: the head's settings would let through what the base's fail."),
  reasoning: z.string().min(1),
  controls: z.array(ControlId).min(1),
  refs: z.array(z.string().min(1)).min(1),
});

export const ChangeRule = z.discriminatedUnion("subject", [InventoryChangeRule, ConfigChangeRule]);

export const ChangesFile = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal("ChangeRules"),
  changes: z.array(ChangeRule),
});

export const Control = z.strictObject({
  id: ControlId,
  title: z.string().min(1),
  layer: z.enum(LAYERS),
  what: z.string().min(1).describe("What to do, concretely."),
  requires: z.array(ControlId).optional().describe("Controls that must be in place first."),
  refs: z.array(z.string().min(1)).min(1),
});

export const ControlsFile = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal("Controls"),
  controls: z.array(Control),
});

export const FRAMEWORK_GROUPS = ["owaspNhi", "nistCsf", "maestro", "other"] as const;
export type FrameworkGroup = (typeof FRAMEWORK_GROUPS)[number];

export const FrameworkEntry = z.strictObject({
  id: z.string().min(1),
  title: z.string().min(1),
  display: z.string().min(1),
  summary: z.string().min(1),
  level: z.string().min(1),
  parent: z.string().min(1).optional(),
  confidence: z.enum(["P", "PM", "S"]).optional(),
});

export const FrameworkFile = z.strictObject({
  framework: z.string().min(1),
  title: z.string().min(1),
  group: z.enum(FRAMEWORK_GROUPS),
  url: z.string().optional(),
  entries: z.array(FrameworkEntry),
});

export const CrosswalkFile = z.strictObject({
  framework: z.string().min(1),
  crosswalk: z.array(z.strictObject({ from: z.string(), status: z.enum(["withdrawn", "retained"]), to: z.array(z.string()) })),
});

export const DomainFile = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal("DomainReasoning"),
  lines: z.array(z.strictObject({ key: z.string().min(1), text: z.string().min(1) })),
});

export type Symptom = z.infer<typeof Symptom>;
export type Rule = z.infer<typeof Rule>;
export type WhenUnknown = z.infer<typeof WhenUnknown>;
export type ChangeRule = z.infer<typeof ChangeRule>;
export type InventoryChangeRule = z.infer<typeof InventoryChangeRule>;
export type ConfigChangeRule = z.infer<typeof ConfigChangeRule>;
/** Whether a change rule compares inventory entries (the others compare the gate's settings). */
export const comparesEntries = (c: ChangeRule): c is InventoryChangeRule => c.subject !== "config";
export type Control = z.infer<typeof Control>;
export type FrameworkEntry = z.infer<typeof FrameworkEntry>;
