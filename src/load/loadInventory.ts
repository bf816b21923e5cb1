import { diagnostic, InputError, type Diagnostic } from "./diagnostic.js";
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
  paths: ReadonlyMap<string, ReadonlyArray<string | number>>;
}

export function loadInventory(file: string, text: string): InventoryIndex {
  const { value, doc } = loadDocument(file, text, Inventory, "Inventory", undefined, inventoryFastCheck);
  const diags: Diagnostic[] = [];
  const paths = new Map<string, ReadonlyArray<string | number>>();
  const index = <T extends { id: string }>(list: T[] | undefined, kind: string, field: string): Map<string, T> => {
    const m = new Map<string, T>();
    (list ?? []).forEach((item, i) => {
      const path = [field, i];
      if (m.has(item.id)) {
        const first = doc.locate(paths.get(`${kind}:${item.id}`)!);
        diags.push(diagnostic(file, doc.locate([...path, "id"]), `duplicate ${kind} id "${item.id}" (first defined at line ${first?.line})`));
        return;
      }
      m.set(item.id, item);
      paths.set(`${kind}:${item.id}`, path);
    });
    return m;
  };
  const identities = index(value.identities, "identity", "identities");
  const workflows = index(value.workflows, "workflow", "workflows");
  const agents = index(value.agents, "agent", "agents");

  const ref = (id: string | undefined, known: ReadonlyMap<string, unknown>, what: string, path: Array<string | number>) => {
    if (id !== undefined && !known.has(id)) {
      diags.push(diagnostic(file, doc.locate(path), `unknown ${what} "${id}"${didYouMean(id, known.keys())}`));
    }
  };
  value.workflows?.forEach((w, wi) => {
    const seen = new Set<string>();
    // A workflow declared twice is reported above; only the first one's steps are indexed.
    const prefix = workflows.get(w.id) === w ? `workflow:${w.id}/step:` : undefined;
    w.steps?.forEach((s, si) => {
      if (seen.has(s.id)) diags.push(diagnostic(file, doc.locate(["workflows", wi, "steps", si, "id"]), `duplicate step id "${s.id}" in workflow ${w.id}`));
      else if (prefix !== undefined) paths.set(prefix + s.id, ["workflows", wi, "steps", si]);
      seen.add(s.id);
      ref(s.identity, identities, "identity", ["workflows", wi, "steps", si, "identity"]);
    });
  });
  value.agents?.forEach((a, ai) => {
    ref(a.identity, identities, "identity", ["agents", ai, "identity"]);
    a.delegatesTo?.forEach((d, di) => ref(d, agents, "agent", ["agents", ai, "delegatesTo", di]));
  });
  if (diags.length) throw new InputError(diags, new Map([[file, text]]));
  return { file, doc, identities, workflows, agents, paths };
}
