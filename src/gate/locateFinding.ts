import { factDef } from "../engine/factCatalog.js";
import type { Subject } from "../engine/subject.js";
import type { InventoryIndex } from "../load/loadInventory.js";
import type { Location } from "./types.js";

/**
 * Points at the line a reviewer should look at. An entry discover wrote is pointed at in
 * its source (the workflow job, the manifest, the credential report's row), where the
 * change that made it risky was made and where a pull request's annotation belongs. Else
 * the last fact of the subject's own entry that made the rule hold (conditions put the
 * guard first and the trigger last, as in `type: static-secret` then `maxAge: 365d`),
 * else the entry's `id`. SARIF needs a line
 * of at least 1, so the top of the file is the last resort.
 */
export function locateFinding(inventory: InventoryIndex, subject: Subject, facts: readonly string[]): Location {
  const source = entryOf(subject)?.source;
  if (source) return { file: source.file, line: source.line, column: source.column ?? 1 };
  const entry = subject.path ?? inventory.paths.get(subject.ref) ?? [];
  for (let i = facts.length - 1; i >= 0; i--) {
    const def = factDef(facts[i]!);
    const path = def?.entity === subject.kind ? (def.locate?.(inventory.doc.data, entry) ?? def.path) : undefined;
    if (!path) continue;
    const pos = inventory.doc.locate(entry.concat(path));
    if (pos) return at(inventory.file, pos);
  }
  return at(inventory.file, inventory.doc.locate(entry.concat("id")) ?? inventory.doc.locate(entry));
}

function entryOf(subject: Subject): { source?: { file: string; line: number; column?: number | undefined } | undefined } | undefined {
  switch (subject.kind) {
    case "identity":
      return subject.identity;
    case "step":
      return subject.step;
    case "workflow":
      return subject.workflow;
    case "agent":
      return subject.agent;
    default:
      return undefined;
  }
}

function at(file: string, pos: { line: number; column: number } | undefined): Location {
  return { file, line: Math.max(1, pos?.line ?? 1), column: Math.max(1, pos?.column ?? 1) };
}
