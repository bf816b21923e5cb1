import type { Portfolio } from "../engine/portfolio.js";
import type { Triage } from "../engine/types.js";
import type { Location } from "../gate/types.js";
import type { Diagnostic } from "../load/diagnostic.js";
import type { InventoryIndex } from "../load/loadInventory.js";
import type { FieldAt, WordsAt } from "../load/locateWords.js";
import type { RulePack } from "../load/rulePack.js";
import type { Style } from "./style.js";

/** Everything an analyze formatter needs; formatters are pure functions of this. */
export interface AnalyzeReport {
  results: readonly Triage[];
  /** A batch (several files or a folder) gets a portfolio summary; a single file does not. */
  batch: boolean;
  summary: Portfolio;
  errors: readonly Diagnostic[];
  pack: RulePack;
  style: Style;
  /** Where each incident (by id) starts, for formats that point into files (SARIF). */
  origins?: ReadonlyMap<string, Location>;
  /** Per incident, where each symptom read in its text was read (SARIF only): the words, or the field. */
  wordsAt?: ReadonlyMap<string, ReadonlyMap<string, WordsAt | FieldAt>>;
  /** The inventory, so inventory findings can point at their entry. */
  inventory?: InventoryIndex;
  /** The tool's version, for SARIF's driver. */
  version?: string;
}

export function displayRef(ref: string, pack: RulePack): string {
  return pack.catalog.get(ref)?.display ?? ref;
}
