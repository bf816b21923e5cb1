/** Kept apart from jsonSchemas.ts (which loads zod) so the CLI can list them cheaply. */
export const SCHEMA_NAMES = ["inventory", "incident", "rules", "waivers", "answers", "config", "overlay"] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];
