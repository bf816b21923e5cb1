import type { CompiledDetectors } from "../engine/detectSymptoms.js";
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
  origins: ReadonlyMap<string, Origin>;
}
