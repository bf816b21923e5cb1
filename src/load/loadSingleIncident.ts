import { diagnostic, InputError } from "./diagnostic.js";
import type { LoadedIncident } from "./loadIncident.js";
import { loadIncidents } from "./loadIncidents.js";
import type { InventoryIndex } from "./loadInventory.js";
import type { RulePack } from "./rulePack.js";

/**
 * The one incident an input holds, in any form `analyze` reads (for a command that works on
 * one incident, such as `interview --from TICKET`); a JSON list of several issues is refused.
 */
export function loadSingleIncident(file: string, text: string, pack: RulePack, inventory?: InventoryIndex): LoadedIncident {
  const input = loadIncidents(file, text, pack, inventory);
  // Only a folder scan skips files, and this is never one.
  if ("skipped" in input) throw new Error(`unexpected skip of ${file}`);
  const [first, ...rest] = input.loaded;
  if (!first || rest.length) {
    throw new InputError([diagnostic(file, { line: 1, column: 1 }, `holds ${input.loaded.length} issues: expected one (export a single issue, e.g. gh issue view N --json number,title,body)`)], new Map([[file, text]]));
  }
  return first;
}
