import { z } from "zod";
import { AnswersFile } from "../load/schema/answers.js";
import { ConfigFile } from "../load/schema/config.js";
import { Incident } from "../load/schema/incident.js";
import { Inventory } from "../load/schema/inventory.js";
import { OverlayFile } from "../load/schema/overlay.js";
import { RulesFile } from "../load/schema/rules.js";
import { WaiversFile } from "../load/schema/waivers.js";

import { SCHEMA_NAMES, type SchemaName } from "./schemaNames.js";

export { SCHEMA_NAMES, type SchemaName };

/** Where editors fetch the committed schemas (schema/ in the repository). */
export const SCHEMA_BASE_URL = "https://raw.githubusercontent.com/nhi-triage/nhi-triage/main/schema/";

const SOURCES = {
  inventory: [Inventory, "NHI inventory (kind: Inventory)"],
  incident: [Incident, "Incident (kind: Incident)"],
  rules: [RulesFile, "Rule set (kind: RuleSet)"],
  waivers: [WaiversFile, "Waivers (kind: Waivers)"],
  answers: [AnswersFile, "Interview answers (kind: Answers)"],
  config: [ConfigFile, "Project config (.nhi-triage.yaml, kind: Config)"],
  overlay: [OverlayFile, "Discovery overlay: what people know (kind: Overlay)"],
} as const satisfies Record<SchemaName, readonly [z.ZodType, string]>;

export const schemaUrl = (name: SchemaName) => `${SCHEMA_BASE_URL}${name}.schema.json`;

/** The first line of a file written for editors with the YAML language server. */
export const modeline = (name: SchemaName) => `# yaml-language-server: $schema=${schemaUrl(name)}\n`;

/** JSON Schema straight from the zod schema the loader validates with, so the two cannot drift. */
export function jsonSchema(name: SchemaName): Record<string, unknown> {
  const [schema, title] = SOURCES[name];
  const generated = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, $id: schemaUrl(name), title: `nhi-triage ${title}`, ...rest };
}

export function jsonSchemaText(name: SchemaName): string {
  return `${JSON.stringify(jsonSchema(name), null, 2)}\n`;
}
