import { InputError } from "../../src/load/diagnostic.js";

/** What reading refused, as `line:column message` for each problem; none when it read. */
export function refusedAt(read: () => unknown): string[] {
  try {
    read();
  } catch (e) {
    if (e instanceof InputError) return e.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
    throw e;
  }
  return [];
}
