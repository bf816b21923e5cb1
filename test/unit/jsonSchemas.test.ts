import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { jsonSchema, jsonSchemaText, SCHEMA_NAMES, type SchemaName } from "../../src/report/jsonSchemas.js";
import { ROOT } from "../helpers.js";

const yamlOf = (path: string) => parse(readFileSync(join(ROOT, path), "utf8"));

describe("JSON Schemas", () => {
  it.each(SCHEMA_NAMES)("schema/%s.schema.json is up to date (npm run schema)", (name) => {
    expect(readFileSync(join(ROOT, "schema", `${name}.schema.json`), "utf8")).toBe(jsonSchemaText(name));
  });

  const valid: Array<[SchemaName, string]> = [
    ["inventory", "fixtures/inventory.yaml"],
    ["inventory", "fixtures/gate/head.yaml"],
    ["incident", "fixtures/incidents/inc-01-retry-replays-migration.yaml"],
    ["rules", "rules/rules/posture.yaml"],
    ["rules", "rules/rules/coordination.yaml"],
    ["waivers", "fixtures/gate/waivers.yaml"],
    ["answers", "fixtures/answers/incidents/inc-01-retry-replays-migration.yaml"],
  ];
  it.each(valid)("%s schema accepts %s", (name, path) => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(jsonSchema(name));
    expect(validate(yamlOf(path)), JSON.stringify(validate.errors)).toBe(true);
  });

  it("rejects what the loader rejects: an unknown field, a wrong enum value, a missing id", () => {
    expect(new Ajv2020({ strict: false }).compile(jsonSchema("incident"))(yamlOf("fixtures/invalid/unknown-field.yaml"))).toBe(false);
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(jsonSchema("inventory"));
    expect(validate({ apiVersion: "nhi-triage/v1", kind: "Inventory", identities: [{ id: "a", kind: "bot", colour: "red" }] })).toBe(false);
    expect(validate({ apiVersion: "nhi-triage/v1", kind: "Inventory", identities: [{ id: "a", kind: "robot" }] })).toBe(false);
    expect(validate({ apiVersion: "nhi-triage/v1", kind: "Inventory", identities: [{ kind: "bot" }] })).toBe(false);
  });
});
