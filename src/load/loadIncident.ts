import { didYouMean } from "./closest.js";
import { diagnostic, InputError, type Diagnostic } from "./diagnostic.js";
import { loadDocument } from "./loadDocument.js";
import type { InventoryIndex } from "./loadInventory.js";
import type { RulePack } from "./rulePack.js";
import { Incident } from "./schema/incident.js";
import type { SourceDoc } from "./sourceDoc.js";

export interface LoadedIncident {
  file: string;
  incident: Incident;
  doc: SourceDoc;
}

/** Validates an incident's shape, its symptom codes and, with an inventory, its affected ids. */
export function loadIncident(file: string, text: string, pack: RulePack, inventory?: InventoryIndex): LoadedIncident {
  const { value, doc } = loadDocument(file, text, Incident, "Incident");
  const diags: Diagnostic[] = [];
  value.symptoms?.forEach((s, i) => {
    const code = typeof s === "string" ? s : s.code;
    if (!pack.symptoms.has(code)) {
      const path = typeof s === "string" ? ["symptoms", i] : ["symptoms", i, "code"];
      diags.push(diagnostic(file, doc.locate(path), `unknown symptom "${code}"${didYouMean(code, pack.symptoms.keys()) || "; see rules/symptoms.yaml for the vocabulary"}`));
    }
  });
  if (inventory) {
    const lists = [
      ["identities", inventory.identities, "identity"],
      ["workflows", inventory.workflows, "workflow"],
      ["agents", inventory.agents, "agent"],
    ] as const;
    for (const [field, known, what] of lists) {
      value.affected?.[field]?.forEach((id, i) => {
        if (!known.has(id)) {
          diags.push(diagnostic(file, doc.locate(["affected", field, i]), `unknown ${what} "${id}": not in ${inventory.file}${didYouMean(id, known.keys())}`));
        }
      });
    }
  }
  if (diags.length) throw new InputError(diags, new Map([[file, text]]));
  return { file, incident: value, doc };
}
