import { isDeepStrictEqual } from "node:util";
import { parseDocument } from "yaml";
import { MAX_ALIAS_COUNT, YAML_OPTIONS } from "../../src/load/parseYaml.js";
import { readYaml } from "../../src/load/readYaml.js";

/** How the tool's YAML entry point read a text, measured against the exact parser alone. */
export type Agreement =
  | { kind: "agreed"; data: unknown }
  | { kind: "refused"; first: string }
  /** Read, but not as the exact parser reads it (or where it refuses): never allowed. */
  | { kind: "silent"; why: string };

/**
 * Reads `text` through readYaml (which picks the block reader, js-yaml, JSON.parse or the
 * exact parser) and compares with the `yaml` package's own parse under the tool's options:
 * the same data, or a refusal that names a line and column.
 */
export function agreement(file: string, text: string): Agreement {
  const r = readYaml(file, text);
  if (!r.ok) {
    const d = r.diagnostics[0];
    if (!d || r.diagnostics.some((x) => x.line < 1 || x.column < 1 || x.message === "")) return { kind: "silent", why: `a refusal without a position: ${JSON.stringify(r.diagnostics)}` };
    return { kind: "refused", first: `${d.line}:${d.column} ${d.message}` };
  }
  const exact = parseDocument(text, YAML_OPTIONS);
  const problem = exact.errors[0] ?? exact.warnings[0];
  if (problem) return { kind: "silent", why: `read, where the exact parser says: ${problem.message.split("\n")[0]}` };
  const data = exact.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? null;
  if (!isDeepStrictEqual(r.doc.data, data)) return { kind: "silent", why: `read as ${show(r.doc.data)}; the exact parser reads ${show(data)}` };
  return { kind: "agreed", data };
}

const show = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (x instanceof Map ? { Map: [...x] } : x instanceof Set ? { Set: [...x] } : Number.isNaN(x) ? "NaN" : Object.is(x, -0) ? "-0" : x));
