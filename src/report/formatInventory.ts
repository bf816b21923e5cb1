import { stringify } from "yaml";
import type { Inventory } from "../load/schema/inventory.js";
import { modeline } from "./jsonSchemas.js";

/** A discovered inventory as YAML, with the schema modeline editors pick up. */
export function formatInventory(inventory: Inventory): string {
  return modeline("inventory") + stringify(inventory, { lineWidth: 0 });
}
