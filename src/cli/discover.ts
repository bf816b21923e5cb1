import { isAbsolute, relative, resolve, sep } from "node:path";
import { collectsSource, discoverFiles } from "../discover/discoverFiles.js";
import { layOverlay } from "../discover/layOverlay.js";
import { updateInventory } from "../discover/updateInventory.js";
import { loadInventory } from "../load/loadInventory.js";
import type { SourceDoc } from "../load/sourceDoc.js";
import type { Inventory } from "../load/schema/inventory.js";
import type { DiscoverSettings } from "../discover/discoverSettings.js";
import { diagnostic, InputError, type Diagnostic } from "../load/diagnostic.js";
import { readText } from "../load/readText.js";
import { sourceFiles } from "../load/sources/sourceFiles.js";
import { readEnvironments } from "../load/sources/github/readEnvironments.js";
import type { DefaultPermissions } from "../load/sources/github/workflowPermissions.js";
import { formatDiagnostics } from "../report/formatDiagnostics.js";
import { formatInventory } from "../report/formatInventory.js";
import { terminalStyle } from "./style.js";
import { withheldNote, writeOutput } from "./writeOutput.js";

export interface DiscoverOptions {
  paths: string[];
  output?: string;
  /** The repository's default GITHUB_TOKEN permissions, for jobs without a permissions block. */
  githubDefaultPermissions?: DefaultPermissions;
  /** `gh api repos/OWNER/REPO/environments` saved to a file: who approves each environment. */
  githubEnvironments?: string;
  /** What people know (owner, teams, idempotency…), merged by id. */
  overlay?: string;
  /** An existing inventory whose source facts are refreshed in place, every other field and comment kept. */
  update?: string;
  noColor?: boolean;
  quiet?: boolean;
}

/**
 * Reads every source it recognises under the paths and writes one inventory. A file it
 * cannot read is reported and the rest still read: stdout gets the inventory of what was
 * read, --output nothing (a failed run leaves no partial file), and the exit code is 2.
 */
export async function discover(opts: DiscoverOptions): Promise<number> {
  const { files, problems } = await sourceFiles(opts.paths, collectsSource, "source");
  const errors: Diagnostic[] = [...problems];
  const early = new Map<string, string>();
  const githubEnvironments = opts.githubEnvironments ? await readSetting(opts.githubEnvironments, readEnvironments, early, errors) : undefined;
  const settings: DiscoverSettings = {
    ...(opts.githubDefaultPermissions ? { githubDefaultPermissions: opts.githubDefaultPermissions } : {}),
    ...(githubEnvironments ? { githubEnvironments } : {}),
  };
  const found = await discoverFiles(files, (f) => readText(f.file), settings);
  const { sources, warnings } = found;
  for (const [file, text] of early) sources.set(file, text);
  errors.push(...found.errors);
  // Read before anything is written, so a bad overlay or inventory leaves every file as it was.
  const human = await readHuman(opts, found.inventory, sources, errors, warnings);
  if (human?.update) {
    // An update from sources that were not all read would drop what the unread ones state.
    if (!errors.length) await writeUpdate(human.update, human.inventory, opts, warnings);
  } else if (human && !(errors.length && opts.output !== undefined)) await writeOutput(formatInventory(human.inventory), opts.output);
  const shown = [...(opts.quiet ? [] : warnings), ...errors];
  if (shown.length) process.stderr.write(`${formatDiagnostics(shown, sources, terminalStyle(process.stderr, opts.noColor))}\n`);
  if (errors.length && opts.output !== undefined) process.stderr.write(withheldNote(opts.output));
  return errors.length ? 2 : 0;
}

/** The inventory file with the sources' facts written into it: in place, or to --output. */
async function writeUpdate(update: { file: string; text: string; doc: SourceDoc }, inventory: Inventory, opts: DiscoverOptions, warnings: Diagnostic[]): Promise<void> {
  const { file, text, doc } = update;
  const searched = opts.paths.map((p) => resolve(p));
  const covers = (sourceFile: string) =>
    searched.some((p) => {
      const r = relative(p, resolve(sourceFile));
      return r !== ".." && !r.startsWith(`..${sep}`) && !isAbsolute(r);
    });
  const updated = updateInventory(text, inventory, covers);
  for (const g of updated.kept) warnings.push(diagnostic(file, doc.locate(g.path), `${g.what} "${g.id}" is no longer found in the sources; kept, since a person wrote in it: delete it once it is gone`, "warning"));
  for (const g of updated.removed) warnings.push(diagnostic(file, doc.locate(g.path), `${g.what} "${g.id}" is no longer found in the sources; removed, since discover wrote it and no person wrote in it`, "warning"));
  if (updated.changed || opts.output) await writeOutput(updated.text, opts.output ?? file, "--output", opts.output === undefined);
}

/** The overlay laid over the discovered inventory, and the inventory to update; undefined when either could not be read. */
async function readHuman(
  opts: DiscoverOptions,
  discovered: Inventory,
  sources: Map<string, string>,
  errors: Diagnostic[],
  warnings: Diagnostic[],
): Promise<{ inventory: Inventory; update?: { file: string; text: string; doc: SourceDoc } } | undefined> {
  let inventory = discovered;
  try {
    if (opts.overlay) {
      const text = await readText(opts.overlay);
      sources.set(opts.overlay, text);
      inventory = layOverlay(inventory, opts.overlay, text, warnings);
    }
    if (opts.update) {
      const text = await readText(opts.update);
      sources.set(opts.update, text);
      // Validated once here; its positions then name the entries the refresh reports.
      const { doc } = loadInventory(opts.update, text);
      return { inventory, update: { file: opts.update, text, doc } };
    }
    return { inventory };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    errors.push(...e.diagnostics);
    for (const [file, text] of e.sources) sources.set(file, text);
    return undefined;
  }
}

/** A file that tells the readers what no source says; undefined (and an error) when it cannot be read, so the sources are still read. */
async function readSetting<T>(file: string, read: (file: string, text: string) => T, sources: Map<string, string>, errors: Diagnostic[]): Promise<T | undefined> {
  try {
    const text = await readText(file);
    sources.set(file, text);
    return read(file, text);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    errors.push(...e.diagnostics);
    return undefined;
  }
}
