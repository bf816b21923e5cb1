import { rename, writeFile, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "../load/diagnostic.js";

/**
 * Writes to stdout, or to --output through a temporary file and a rename, so a reader
 * never sees half a report. Refuses to write over one of the inputs.
 */
export async function writeOutput(text: string, output: string | undefined, inputs: readonly string[]): Promise<void> {
  if (output === undefined || output === "-") {
    process.stdout.write(text);
    return;
  }
  const target = resolve(output);
  if (inputs.some((i) => i !== "-" && resolve(i) === target)) {
    throw new UsageError(`--output ${output} is one of the input files; refusing to overwrite it`);
  }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, text, "utf8");
    await rename(tmp, target);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw new UsageError(`cannot write ${output}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}
