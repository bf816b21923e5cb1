import type { CompiledDetectors } from "../engine/detectSymptoms.js";
import type { PrivilegeVocabulary } from "../engine/privilegeVocabulary.js";
import type { DecisionSettings } from "./schema/decision.js";
import type { Question } from "./schema/questions.js";
import type { ChangeRule, Control, FrameworkEntry, FrameworkGroup, Rule, Symptom } from "./schema/rules.js";

export interface Origin {
  file: string;
  line: number;
  column: number;
}

export interface CatalogEntry extends FrameworkEntry {
  framework: string;
  group: FrameworkGroup;
  /** Position in the catalog, for a stable display order. */
  order: number;
}

/** Every piece of domain knowledge, validated and indexed. */
export interface RulePack {
  symptoms: ReadonlyMap<string, Symptom>;
  /** Accepted other spellings → the symptom code they mean. */
  aliases: ReadonlyMap<string, string>;
  rules: readonly Rule[];
  /** The interview's question graph, in asking order. */
  questions: readonly Question[];
  /** Shown before the interview's first question. */
  intro: string;
  /** What the gate compares between a base and a head inventory. */
  changes: readonly ChangeRule[];
  controls: ReadonlyMap<string, Control>;
  catalog: ReadonlyMap<string, CatalogEntry>;
  /** CSF 1.1 id → its CSF 2.0 successors, so a user citing PR.AC-4 can be told PR.AA-05. */
  crosswalk: ReadonlyMap<string, readonly string[]>;
  domain: ReadonlyArray<{ key: string; text: string }>;
  detectors: CompiledDetectors;
  /** How scores become a decision (rules/decision.yaml, merged over the packs). */
  decision: DecisionSettings;
  /** What counts as a wildcard or admin grant (rules/privileges.yaml, every pack's classes together). */
  privileges: PrivilegeVocabulary;
  origins: ReadonlyMap<string, Origin>;
}

/**
 * Bounds on what one rule pack (the built-in one included) may hold, so that loading a
 * pack from elsewhere, and matching its phrases, stays quick whatever it contains. What
 * the built-in pack uses is in brackets; docs/rule-format.md lists them.
 */
export const PACK_LIMITS = {
  /** YAML files in the pack: its top-level files, rules/, frameworks/ and cases/ (18). */
  files: 100,
  /** Bytes in one pack file (32 KB). */
  fileBytes: 2 * 1024 * 1024,
  /** Rules and change rules together (74). */
  rules: 500,
  /** all/any/not inside one another in one condition (2). */
  conditionDepth: 8,
  /** Tests and all/any/not in one condition (10). */
  conditionSize: 64,
  /** Phrases of one symptom (19). */
  phrasesPerSymptom: 50,
  /** Characters in one phrase (170). */
  phraseLength: 200,
  /**
   * Words in one phrase (6), and the widest window `~N` may ask for (12): matching tries
   * the words' places in the window in combination, so these two set its cost. With 8
   * words and a window of 30, one crafted 256-word sentence took 12 s; with 6 and 16, 8 ms.
   */
  phraseWords: 6,
  phraseWindow: 16,
  /** Alternatives (`a|b`) for one word (16). */
  phraseAlternatives: 24,
  /** Letters before a `*` (3): `*` alone, or `a*`, would match nearly every word. */
  prefixLetters: 3,
} as const;
