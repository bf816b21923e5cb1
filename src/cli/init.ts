import { constants } from "node:fs";
import { copyFile, lstat, mkdir, readdir, readFile, readlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { modeline, type SchemaName } from "../report/jsonSchemas.js";
import { exists, isDirectory, isFile } from "../load/pathKind.js";
import { UsageError } from "../load/diagnostic.js";
import { cannotWrite } from "./cannotWrite.js";

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
 * that already exists is kept as it is and said so: init never overwrites. What would make
 * a write fail (a dangling symbolic link, a file where a folder must be) is found before
 * anything is written, so a refused init leaves nothing half done.
 */
export async function init(opts: InitOptions): Promise<number> {
  const toWrite: Array<{ rel: string; target: string }> = [];
  const kept: string[] = [];
  for (const rel of await templateFiles(TEMPLATES)) {
    const target = join(opts.dir, rel);
    const st = await lstat(target).catch(() => undefined);
    const problem = st ? (st.isSymbolicLink() ? await danglingLink(target) : undefined) : await obstacle(dirname(target));
    if (problem) throw problem;
    if (st) kept.push(target);
    else toWrite.push({ rel, target });
  }
  for (const { rel, target } of toWrite) {
    try {
      await mkdir(dirname(target), { recursive: true });
      const schema = SCHEMA_OF[rel];
      // `wx` fails rather than overwrite a file that appeared since the check.
      if (schema) await writeFile(target, modeline(schema) + (await readFile(join(TEMPLATES, rel), "utf8")), { flag: "wx" });
      else await copyFile(join(TEMPLATES, rel), target, constants.COPYFILE_EXCL);
    } catch (e) {
      throw cannotWrite((e as NodeJS.ErrnoException).path ?? target, e);
    }
  }
  const written = toWrite.map((w) => w.target);
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

/** A symbolic link to nothing: writing through it would create a file elsewhere, so it is refused. */
async function danglingLink(path: string): Promise<UsageError | undefined> {
  if (await exists(path)) return undefined;
  return new UsageError(`cannot write ${path}: it is a symbolic link to ${await readlink(path)}, which does not exist`);
}

/** The nearest folder on the way that exists, when it is not a folder after all. */
async function obstacle(dir: string): Promise<UsageError | undefined> {
  for (let p = dir; ; p = dirname(p)) {
    const st = await lstat(p).catch(() => undefined);
    if (st?.isSymbolicLink()) {
      const dangling = await danglingLink(p);
      if (dangling) return dangling;
    }
    if (st) {
      if (await isDirectory(p)) return undefined;
      return new UsageError(`cannot write ${p}: ${(await isFile(p)) ? "it is a file, not a folder" : "it is not a folder"}`);
    }
    if (dirname(p) === p) return undefined;
  }
}
