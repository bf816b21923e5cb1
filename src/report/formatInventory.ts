import { stringify } from "yaml";
import type { Inventory } from "../load/schema/inventory.js";
import { modeline } from "./jsonSchemas.js";

/**
 * A discovered inventory as YAML, with the schema modeline editors pick up. Values shared
 * between entries are written out each time: anchors and aliases would make a person
 * editing one entry edit another.
 */
export function formatInventory(inventory: Inventory): string {
  return modeline("inventory") + stringify(inventory, { lineWidth: 0, aliasDuplicateObjects: false });
}
