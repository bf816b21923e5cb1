// `npm run schema`: writes schema/<name>.schema.json from the zod schemas (through the
// built dist/), so editors can point at committed files. A test fails when they are stale.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { jsonSchemaText, SCHEMA_NAMES } from "../dist/report/jsonSchemas.js";

const dir = fileURLToPath(new URL("../schema/", import.meta.url));
mkdirSync(dir, { recursive: true });
for (const name of SCHEMA_NAMES) writeFileSync(`${dir}${name}.schema.json`, jsonSchemaText(name));
console.log(`wrote ${SCHEMA_NAMES.length} schemas to schema/`);
