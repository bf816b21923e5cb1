import { diagnostic, InputError, ProblemList } from "./diagnostic.js";
import { loadDocument } from "./loadDocument.js";
import { inventoryFastCheck } from "./schema/inventoryFastCheck.js";
import { Inventory, type Agent, type Identity, type Workflow } from "./schema/inventory.js";
import type { SourceDoc } from "./sourceDoc.js";
import { didYouMean } from "./closest.js";

/** An inventory with its ids indexed, so joins never scan. */
export interface InventoryIndex {
  file: string;
  doc: SourceDoc;
  identities: ReadonlyMap<string, Identity>;
  workflows: ReadonlyMap<string, Workflow>;
  agents: ReadonlyMap<string, Agent>;
  /** Where each entity is declared: `identity:svc-deploy`, `workflow:w/step:s` → path into the document. */
  readonly paths: ReadonlyMap<string, ReadonlyArray<string | number>>;
}

/** Up to this many steps, duplicates are found by comparing ids pairwise. */
const SMALL = 16;

export function loadInventory(file: string, text: string): InventoryIndex {
  const { value, doc } = loadDocument(file, text, Inventory, "Inventory", undefined, inventoryFastCheck);
  const diags = new ProblemList(file);
  const index = <T extends { id: string }>(list: T[] | undefined, kind: string, field: string): Map<string, T> => {
    const m = new Map<string, T>();
    // Where each item sits, only once a duplicate needs the first one's line.
    let at: Map<T, number> | undefined;
    (list ?? []).forEach((item, i) => {
      const first = m.get(item.id);
      if (first !== undefined) {
        diags.add(() => {
          at ??= new Map(list!.map((x, k) => [x, k]));
          const line = doc.locate([field, at.get(first)!])?.line;
          return diagnostic(file, doc.locate([field, i, "id"]), `duplicate ${kind} id "${item.id}" (first defined at line ${line})`);
        });
        return;
      }
      m.set(item.id, item);
    });
    return m;
  };
  const identities = index(value.identities, "identity", "identities");
  const workflows = index(value.workflows, "workflow", "workflows");
  const agents = index(value.agents, "agent", "agents");

  const ref = (id: string | undefined, known: ReadonlyMap<string, unknown>, what: string, path: Array<string | number>) => {
    if (id !== undefined && !known.has(id)) {
      diags.add(() => diagnostic(file, doc.locate(path), `unknown ${what} "${id}"${didYouMean(id, known.keys())}`));
    }
  };
  value.workflows?.forEach((w, wi) => {
    const steps = w.steps;
    if (!steps?.length) return;
    // Most workflows have a handful of steps, compared directly; a set only for long ones.
    const seen = steps.length > SMALL ? new Set<string>() : undefined;
    steps.forEach((s, si) => {
      const dup = seen ? seen.has(s.id) : steps.findIndex((x) => x.id === s.id) < si;
      seen?.add(s.id);
      if (dup) diags.add(() => diagnostic(file, doc.locate(["workflows", wi, "steps", si, "id"]), `duplicate step id "${s.id}" in workflow ${w.id}`));
      ref(s.identity, identities, "identity", ["workflows", wi, "steps", si, "identity"]);
    });
  });
  value.agents?.forEach((a, ai) => {
    ref(a.identity, identities, "identity", ["agents", ai, "identity"]);
    a.delegatesTo?.forEach((d, di) => ref(d, agents, "agent", ["agents", ai, "delegatesTo", di]));
  });
  if (diags.size) throw new InputError(diags.toArray(), new Map([[file, text]]));
  return indexed(file, doc, value, identities, workflows, agents);
}

/**
 * The index of an inventory that loadInventory has already accepted elsewhere (the base,
 * loaded on a worker thread): its data, with positions from its text.
 */
export function indexLoadedInventory(doc: SourceDoc, value: Inventory): InventoryIndex {
  const table = <T extends { id: string }>(list: T[] | undefined) => new Map((list ?? []).map((x) => [x.id, x]));
  return indexed(doc.file, doc, value, table(value.identities), table(value.workflows), table(value.agents));
}

function indexed(file: string, doc: SourceDoc, value: Inventory, identities: Map<string, Identity>, workflows: Map<string, Workflow>, agents: Map<string, Agent>): InventoryIndex {
  let paths: Map<string, ReadonlyArray<string | number>> | undefined;
  return {
    file,
    doc,
    identities,
    workflows,
    agents,
    // The gate's subjects carry their own paths; this table is for lookups by ref (analyze).
    get paths() {
      return (paths ??= entityPaths(value));
    },
  };
}

/** `identity:svc-deploy`, `workflow:w/step:s`, … → path into the document, first declaration wins. */
function entityPaths(value: Inventory): Map<string, ReadonlyArray<string | number>> {
  const paths = new Map<string, ReadonlyArray<string | number>>();
  const add = (ref: string, path: ReadonlyArray<string | number>) => {
    if (!paths.has(ref)) paths.set(ref, path);
  };
  value.identities?.forEach((x, i) => add(`identity:${x.id}`, ["identities", i]));
  value.agents?.forEach((x, i) => add(`agent:${x.id}`, ["agents", i]));
  const declared = new Set<string>();
  value.workflows?.forEach((w, wi) => {
    add(`workflow:${w.id}`, ["workflows", wi]);
    // A workflow declared twice is an error; only the first one's steps are indexed.
    if (declared.has(w.id)) return;
    declared.add(w.id);
    w.steps?.forEach((s, si) => add(`workflow:${w.id}/step:${s.id}`, ["workflows", wi, "steps", si]));
  });
  return paths;
}
