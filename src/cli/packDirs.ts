import { resolve } from "node:path";
import { BUILTIN_RULES_DIR } from "./builtinRules.js";

/**
 * The built-in pack first, then the extra packs, each once: naming the same folder twice
 * (or `rules test rules`) would otherwise report every id as defined twice.
 */
export function packDirs(extra: readonly string[]): string[] {
  const seen = new Set<string>();
  return [BUILTIN_RULES_DIR, ...extra].filter((d) => {
    const key = resolve(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
