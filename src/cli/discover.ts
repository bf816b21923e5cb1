import { isAbsolute, relative, resolve, sep } from "node:path";
import { applyOverlay } from "../discover/applyOverlay.js";
import { discoverInventory } from "../discover/discoverInventory.js";
import { updateInventory } from "../discover/updateInventory.js";
import { loadInventory } from "../load/loadInventory.js";
import type { SourceDoc } from "../load/sourceDoc.js";
import { loadOverlay } from "../load/loadOverlay.js";
import type { Inventory } from "../load/schema/inventory.js";
import type { DiscoverSettings } from "../discover/discoverSettings.js";
import { READERS } from "../discover/readers/readers.js";
import { readSource } from "../discover/readSource.js";
import type { AnySourceReader } from "../discover/sourceReader.js";
import { pushTo } from "../engine/pushTo.js";
import { diagnostic, InputError, type Diagnostic } from "../load/diagnostic.js";
import type { SecretHit } from "../redact/redactDocument.js";
import { readText } from "../load/readText.js";
import { sourceFiles, type SourceFile } from "../load/sources/sourceFiles.js";
import type { DefaultPermissions } from "../load/sources/github/workflowPermissions.js";
import { formatDiagnostics } from "../report/formatDiagnostics.js";
import { formatInventory } from "../report/formatInventory.js";
import { terminalStyle } from "./style.js";
import { writeOutput } from "./writeOutput.js";

export interface DiscoverOptions {
  paths: string[];
  output?: string;
  /** The repository's default GITHUB_TOKEN permissions, for jobs without a permissions block. */
  githubDefaultPermissions?: DefaultPermissions;
  /** What people know (owner, teams, idempotency…), merged by id. */
  overlay?: string;
  /** An existing inventory whose source facts are refreshed in place, every other field and comment kept. */
  update?: string;
  noColor?: boolean;
  quiet?: boolean;
}

/**
 * Reads every source it recognises under the paths and writes one inventory. A file it
 * cannot read is reported and the rest still read: the inventory holds what was, and the
 * exit code is 2.
 */
export async function discover(opts: DiscoverOptions): Promise<number> {
  const collects = (name: string) => READERS.some((r) => r.collects.test(name));
  const { files, problems } = await sourceFiles(opts.paths, collects, "source");
  const errors: Diagnostic[] = [...problems];
  const warnings: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const byReader = new Map<AnySourceReader, Array<{ file: SourceFile; facts: unknown }>>();
  for (const f of files) {
    try {
      const text = await readText(f.file);
      const found = readSource(f, text, READERS);
      if (!found) continue;
      const { read, reader } = found;
      const shown = [...read.warnings, ...read.secrets.map((hit) => writtenSecret(hit, reader.noun))];
      if (shown.length) sources.set(f.file, read.shownText ?? text);
      warnings.push(...shown);
      pushTo(byReader, reader, { file: f, facts: read.facts });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      errors.push(...e.diagnostics);
      for (const [file, text] of e.sources) sources.set(file, text);
    }
  }
  const settings: DiscoverSettings = { ...(opts.githubDefaultPermissions ? { githubDefaultPermissions: opts.githubDefaultPermissions } : {}) };
  const discovered = READERS.filter((r) => byReader.has(r)).map((r) => r.map(byReader.get(r)!, settings));
  // Read before anything is written, so a bad overlay or inventory leaves every file as it was.
  const human = await readHuman(opts, discoverInventory(discovered), sources, errors, warnings);
  if (human?.update) {
    // An update from sources that were not all read would drop what the unread ones state.
    if (!errors.length) await writeUpdate(human.update, human.inventory, opts, warnings);
  } else if (human) await writeOutput(formatInventory(human.inventory), opts.output);
  const shown = [...(opts.quiet ? [] : warnings), ...errors];
  if (shown.length) process.stderr.write(`${formatDiagnostics(shown, sources, terminalStyle(process.stderr, opts.noColor))}\n`);
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
      const { value, doc } = loadOverlay(opts.overlay, text);
      const laid = applyOverlay(inventory, value);
      inventory = laid.inventory;
      for (const u of laid.unmatched) {
        const where = u.what === "step" ? `no step "${u.id}" in the discovered workflow "${u.workflow}"` : `no discovered ${u.what} has the id "${u.id}"`;
        warnings.push(diagnostic(opts.overlay, doc.locate(u.path), `overlay entry matches nothing: ${where}`, "warning"));
      }
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

/** A credential in the source itself: reported where it is, redacted, and never copied. */
function writtenSecret(hit: SecretHit, noun: string): Diagnostic {
  return diagnostic(hit.file, hit, `a credential-like value (${hit.kinds.join(", ")}) is written in the ${noun}: it is not copied into the inventory; rotate it and keep it in a secret`, "warning");
}
