import { jsonSchemaText, type SchemaName } from "../report/jsonSchemas.js";
import { writeOutput } from "./writeOutput.js";

export interface SchemaOptions {
  name: SchemaName;
  output?: string;
}

/** Prints the JSON Schema of one file kind, for editors and other tools. */
export async function schema(opts: SchemaOptions): Promise<number> {
  await writeOutput(jsonSchemaText(opts.name), opts.output);
  return 0;
}
