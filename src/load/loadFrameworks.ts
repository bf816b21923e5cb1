import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { z } from "zod";
import { InputError } from "./diagnostic.js";
import { loadDocument } from "./loadDocument.js";
import { readText } from "./readText.js";
import { FrameworkFile, type FrameworkGroup } from "./schema/rules.js";

type FrameworkHeader = z.infer<typeof FrameworkFile>;

/** A framework as its catalog file describes it. */
export interface FrameworkInfo {
  name: string;
  title: string;
  url?: string;
  group: FrameworkGroup;
}

/**
 * The title and address of every framework in the packs' `frameworks/*.yaml`. The rule
 * pack keeps only the entries, each naming its framework, so this reads the same files
 * again for their headers. Meant to run after `loadRulePack` has validated those folders:
 * a file that does not load is skipped here, having already been reported there.
 * When two files share a framework name, the first one read describes it.
 */
export async function loadFrameworks(dirs: readonly string[]): Promise<FrameworkInfo[]> {
  const found = new Map<string, FrameworkInfo>();
  for (const dir of dirs) {
    const folder = join(dir, "frameworks");
    // Same order as loadRulePack, so "first one read" means the same file in both.
    const names = await readdir(folder).then((all) => all.filter((f) => /\.ya?ml$/.test(f)).sort(), () => [] as string[]);
    for (const name of names) {
      if (name.endsWith("crosswalk.yaml")) continue;
      const value = await header(join(folder, name));
      if (!value) continue;
      if (found.has(value.framework)) continue;
      found.set(value.framework, { name: value.framework, title: value.title, ...(value.url ? { url: value.url } : {}), group: value.group });
    }
  }
  return [...found.values()];
}

async function header(file: string): Promise<FrameworkHeader | undefined> {
  try {
    return loadDocument(file, await readText(file), FrameworkFile).value;
  } catch (e) {
    if (e instanceof InputError) return undefined;
    throw e;
  }
}
