import { diagnostic, type Diagnostic } from "../load/diagnostic.js";
import { loadOverlay } from "../load/loadOverlay.js";
import type { Inventory } from "../load/schema/inventory.js";
import { applyOverlay } from "./applyOverlay.js";

/** The overlay file laid over a discovered inventory; an entry that matches nothing is a warning at its place. */
export function layOverlay(inventory: Inventory, file: string, text: string, warnings: Diagnostic[]): Inventory {
  const { value, doc } = loadOverlay(file, text);
  const laid = applyOverlay(inventory, value);
  for (const u of laid.unmatched) {
    const where = u.what === "step" ? `no step "${u.id}" in the discovered workflow "${u.workflow}"` : `no discovered ${u.what} has the id "${u.id}"`;
    warnings.push(diagnostic(file, doc.locate(u.path), `overlay entry matches nothing: ${where}`, "warning"));
  }
  return laid.inventory;
}
