import { constants } from "node:fs";
import { copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { modeline, type SchemaName } from "../report/jsonSchemas.js";
import { exists } from "../load/pathKind.js";

export interface InitOptions {
  dir: string;
}

const TEMPLATES = fileURLToPath(new URL("../../templates/init/", import.meta.url));

/** Which schema each starter file follows, for the editor modeline on its first line. */
const SCHEMA_OF: Record<string, SchemaName> = {
  ".nhi-triage.yaml": "config",
  "nhi-inventory.yaml": "inventory",
  "nhi-waivers.yaml": "waivers",
  "incidents/example-incident.yaml": "incident",
};

async function templateFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.isDirectory()) out.push(...(await templateFiles(join(dir, e.name), `${prefix}${e.name}/`)));
    else out.push(`${prefix}${e.name}`);
  }
  return out;
}

/**
 * Writes a starter inventory, waivers file, example incident and project config. A file
 * that already exists is kept as it is and said so: init never overwrites.
 */
export async function init(opts: InitOptions): Promise<number> {
  const written: string[] = [];
  const kept: string[] = [];
  for (const rel of await templateFiles(TEMPLATES)) {
    const target = join(opts.dir, rel);
    if (await exists(target)) {
      kept.push(target);
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    const schema = SCHEMA_OF[rel];
    // `wx` fails rather than overwrite a file that appeared since the check.
    if (schema) await writeFile(target, modeline(schema) + (await readFile(join(TEMPLATES, rel), "utf8")), { flag: "wx" });
    else await copyFile(join(TEMPLATES, rel), target, constants.COPYFILE_EXCL);
    written.push(target);
  }
  for (const f of written) process.stdout.write(`wrote ${f}\n`);
  for (const f of kept) process.stdout.write(`kept  ${f} (it exists; not overwritten)\n`);
  const at = opts.dir === "." ? "" : `cd ${opts.dir} && `;
  process.stdout.write(
    `\nNext:\n  ${at}nhi-triage gate                                    # check the inventory\n` +
      `  ${at}nhi-triage analyze incidents/example-incident.yaml  # triage the example incident\n` +
      `  ${at}nhi-triage interview                               # answer questions instead of writing YAML\n`,
  );
  return 0;
}
