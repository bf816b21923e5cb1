import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Path } from "../../src/load/sourceDoc.js";

/** Every .yaml/.yml file below `dir`. */
export function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(f) ? [p] : [];
  });
}

/**
 * Every path in the data; with `absent`, beside each also a few that are not there (a
 * missing key, a missing index, a path through a scalar), whose answer is the nearest
 * existing ancestor's position.
 */
export function dataPaths(value: unknown, absent = false, prefix: Path = []): Path[] {
  const out: Path[] = absent ? [prefix, [...prefix, "absent-key"], [...prefix, 9999], [...prefix, "a", 1]] : [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...dataPaths(v, absent, [...prefix, i])));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) out.push(...dataPaths(v, absent, [...prefix, k]));
  return out;
}
