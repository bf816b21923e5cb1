import { didYouMean } from "./closest.js";
import { diagnostic, ProblemList, type Diagnostic } from "./diagnostic.js";
import { loadDocument } from "./loadDocument.js";
import type { InventoryIndex } from "./loadInventory.js";
import type { RulePack } from "./rulePack.js";
import { Incident } from "./schema/incident.js";
import type { SourceDoc } from "./sourceDoc.js";
import type { TicketSource } from "./ticketSource.js";

export interface LoadedIncident {
  file: string;
  incident: Incident;
  doc: SourceDoc;
  /** Set when the incident was read from a ticket (plain text, Markdown, a GitHub or Jira issue). */
  ticket?: TicketSource;
}

/** The affected lists of an incident: field, inventory map, and the word for one entry. */
export const AFFECTED = [
  ["identities", "identities", "identity"],
  ["workflows", "workflows", "workflow"],
  ["agents", "agents", "agent"],
] as const;

/** Validates an incident's shape, its symptom codes and, with an inventory, its affected ids. */
export function loadIncident(file: string, text: string, pack: RulePack, inventory?: InventoryIndex): LoadedIncident {
  const crossChecks = (data: Record<string, unknown>, doc: SourceDoc): Diagnostic[] => {
    const diags = new ProblemList(file);
    const symptoms = Array.isArray(data.symptoms) ? data.symptoms : [];
    symptoms.forEach((s: unknown, i) => {
      const code = typeof s === "string" ? s : typeof s === "object" && s && typeof (s as { code?: unknown }).code === "string" ? (s as { code: string }).code : undefined;
      if (code === undefined || pack.symptoms.has(code) || pack.aliases.has(code)) return;
      const path = typeof s === "string" ? ["symptoms", i] : ["symptoms", i, "code"];
      diags.add(() => diagnostic(file, doc.locate(path), `unknown symptom "${code}"${didYouMean(code, pack.symptoms.keys()) || "; see rules/symptoms.yaml for the vocabulary"}`));
    });
    const affected = typeof data.affected === "object" && data.affected !== null ? (data.affected as Record<string, unknown>) : {};
    if (inventory) {
      for (const [field, list, what] of AFFECTED) {
        const ids = affected[field];
        if (!Array.isArray(ids)) continue;
        ids.forEach((id: unknown, i) => {
          if (typeof id !== "string" || inventory[list].has(id)) return;
          diags.add(() => diagnostic(file, doc.locate(["affected", field, i]), `unknown ${what} "${id}": not in ${inventory.file}${didYouMean(id, inventory[list].keys())}`));
        });
      }
    }
    return diags.toArray();
  };
  const { value, doc } = loadDocument(file, text, Incident, "Incident", crossChecks);
  return { file, incident: value, doc };
}
