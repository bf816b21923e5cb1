import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { parseUtc } from "../engine/parseUtc.js";
import { didYouMean } from "./closest.js";
import { byPosition, diagnostic, InputError, type Diagnostic } from "./diagnostic.js";
import { loadDocument } from "./loadDocument.js";
import { loadInventory, type InventoryIndex } from "./loadInventory.js";
import { parseYaml } from "./parseYaml.js";
import { packFileProblem, packRoot, readPackFile } from "./packFiles.js";
import type { RulePack } from "./rulePack.js";
import { AFFECTED } from "./loadIncident.js";
import { RuleCasesFile, type RuleCase } from "./schema/cases.js";
import type { SourceDoc } from "./sourceDoc.js";

export interface LoadedRuleCases {
  file: string;
  cases: RuleCase[];
  inventory?: InventoryIndex;
  /** The file's reference date (epoch ms), when it gives one. */
  now?: number;
  doc: SourceDoc;
}

type Raw = Record<string, unknown>;
const record = (v: unknown): Raw => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Raw) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The inventory the file names: loaded, absent, or unusable (already reported). */
type InventoryState = { kind: "loaded"; index: InventoryIndex } | { kind: "none" } | { kind: "broken" };

/**
 * Checks that look past the shape, on the raw data so they run even when the shape is
 * wrong. A case naming a rule, symptom or inventory id that does not exist would otherwise
 * pass or fail for the wrong reason.
 */
function crossChecks(file: string, pack: RulePack, inventory: InventoryState) {
  const ruleIds = new Set(pack.rules.map((r) => r.id));
  const changeIds = new Set(pack.changes.map((c) => c.id));
  return (data: Raw, doc: SourceDoc): Diagnostic[] => {
    const diags: Diagnostic[] = [];
    const err = (path: ReadonlyArray<string | number>, message: string) => diags.push(diagnostic(file, doc.locate(path), message));
    const seen = new Map<string, number>();
    list(data.cases).forEach((raw, ci) => {
      const c = record(raw);
      const at = (...sub: Array<string | number>) => ["cases", ci, ...sub];
      if (typeof c.name === "string") {
        const first = seen.get(c.name);
        if (first !== undefined) err(at("name"), `duplicate case name "${c.name}" (also case ${first + 1}): names are how results are reported`);
        else seen.set(c.name, ci);
      }
      for (const field of ["fires", "silent", "unknown"] as const) {
        list(c[field]).forEach((id, i) => {
          if (typeof id !== "string" || ruleIds.has(id)) return;
          err(
            at(field, i),
            changeIds.has(id)
              ? `${id} is a change rule: it compares two inventories, so no incident case can exercise it`
              : `unknown rule "${id}"${didYouMean(id, ruleIds)}`,
          );
        });
      }
      const incident = record(c.incident);
      list(incident.symptoms).forEach((s, i) => {
        const code = typeof s === "string" ? s : record(s).code;
        if (typeof code !== "string" || pack.symptoms.has(code) || pack.aliases.has(code)) return;
        err(typeof s === "string" ? at("incident", "symptoms", i) : at("incident", "symptoms", i, "code"), `unknown symptom "${code}"${didYouMean(code, pack.symptoms.keys())}`);
      });
      if (inventory.kind === "broken") return;
      const affected = record(incident.affected);
      for (const [field, key, what] of AFFECTED) {
        list(affected[field]).forEach((id, i) => {
          if (typeof id !== "string") return;
          const path = at("incident", "affected", field, i);
          if (inventory.kind === "none") err(path, `case "${String(c.name)}" names ${what} "${id}", but this file has no inventory: to resolve it against`);
          else if (!inventory.index[key].has(id)) err(path, `unknown ${what} "${id}": not in ${inventory.index.file}${didYouMean(id, inventory.index[key].keys())}`);
        });
      }
    });
    return diags;
  };
}

/**
 * Loads RuleCases files against a loaded pack, each with the inventory it names (relative
 * to the file). Every problem in every file is collected before anything is thrown.
 */
export async function loadRuleCases(files: readonly string[], pack: RulePack): Promise<LoadedRuleCases[]> {
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const inventories = new Map<string, InventoryState>();
  const out: LoadedRuleCases[] = [];
  const collect = (e: unknown) => {
    if (!(e instanceof InputError)) throw e;
    diagnostics.push(...e.diagnostics);
    for (const [f, t] of e.sources) sources.set(f, t);
  };

  const inventoryFor = async (file: string, doc: SourceDoc, named: string): Promise<InventoryState> => {
    // A pack reads only its own folder: no absolute path, no way up, no link out of it.
    if (isAbsolute(named) || named.split(/[\\/]/).includes("..")) {
      diagnostics.push(diagnostic(file, doc.locate(["inventory"]), `inventory ${named}: expected a path inside the rule pack, relative to this file (no "..", not absolute)`));
      return { kind: "broken" };
    }
    // Joined rather than resolved, so a relative cases path gives a relative inventory path in messages.
    const path = join(dirname(file), named);
    const known = inventories.get(resolve(path));
    if (known) return known;
    let state: InventoryState = { kind: "broken" };
    const packDir = basename(dirname(file)) === "cases" ? dirname(dirname(file)) : dirname(file);
    const root = await packRoot(packDir);
    const problem = root === undefined ? undefined : await packFileProblem(root, path, packDir);
    if (problem && problem.line > 0) {
      diagnostics.push(diagnostic(file, doc.locate(["inventory"]), `inventory ${named} (${path}): ${problem.message}`));
      inventories.set(resolve(path), state);
      return state;
    }
    try {
      state = { kind: "loaded", index: loadInventory(path, await readPackFile(path)) };
    } catch (e) {
      if (e instanceof InputError && e.diagnostics.every((d) => d.file === path && d.line === 0)) {
        // Unreadable: say so where the cases file names it, which is what its author can fix.
        diagnostics.push(...e.diagnostics.map((d) => diagnostic(file, doc.locate(["inventory"]), `inventory ${named} (${path}): ${d.message}`)));
      } else collect(e);
    }
    inventories.set(resolve(path), state);
    return state;
  };

  for (const file of files) {
    try {
      const text = await readPackFile(file);
      sources.set(file, text);
      // The inventory is needed for the checks, so it is read before the file is validated.
      const parsed = parseYaml(file, text);
      const named = parsed.ok ? record(parsed.doc.data).inventory : undefined;
      const inventory: InventoryState = parsed.ok && typeof named === "string" && named !== "" ? await inventoryFor(file, parsed.doc, named) : { kind: "none" };
      const { value, doc } = loadDocument(file, text, RuleCasesFile, "RuleCases", crossChecks(file, pack, inventory));
      out.push({
        file,
        cases: value.cases,
        doc,
        ...(inventory.kind === "loaded" ? { inventory: inventory.index } : {}),
        ...(value.now !== undefined ? { now: parseUtc(value.now) } : {}),
      });
    } catch (e) {
      collect(e);
    }
  }
  if (diagnostics.some((d) => d.severity === "error")) throw new InputError(diagnostics.sort(byPosition), sources);
  return out;
}
