import { DOCUMENT_KINDS, documentKind } from "./documentKind.js";
import { inputKind } from "./inputKind.js";
import { loadIncident, type LoadedIncident } from "./loadIncident.js";
import type { InventoryIndex } from "./loadInventory.js";
import { isTicketJson, loadJsonTicket } from "./loadJsonTicket.js";
import { loadTextTicket } from "./loadTextTicket.js";
import type { RulePack } from "./rulePack.js";

/** What a file held: its incidents (several for a JSON list of issues), or why a folder scan passed it over. */
export type LoadedInput = { loaded: LoadedIncident[]; list: boolean } | { skipped: string };

// A project config is a dotfile, which folder scans never visit, so it is not listed here.
const OTHER_KINDS = new Set<string>(DOCUMENT_KINDS.filter((k) => k !== "Incident" && k !== "Config"));

/**
 * Every incident an input holds, whatever its form: an incident in YAML (or JSON with a
 * `kind:`), a plain-text or Markdown ticket, a GitHub or Jira issue exported as JSON or a
 * list of them. With `scanned` (a folder scan found the file), files of the tool's other
 * kinds and JSON that is no ticket are passed over rather than refused.
 */
export function loadIncidents(file: string, text: string, pack: RulePack, inventory?: InventoryIndex, scanned = false): LoadedInput {
  const kind = inputKind(file, text);
  if (kind === "markdown" || kind === "text") return { loaded: [loadTextTicket(file, text, kind === "markdown")], list: false };
  if (kind === "yaml") {
    const declared = documentKind(text);
    if (scanned && declared !== undefined && OTHER_KINDS.has(declared)) return { skipped: declared };
    return { loaded: [loadIncident(file, text, pack, inventory)], list: false };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // The ticket reader words the syntax error.
  }
  const declared = typeof data === "object" && data !== null && !Array.isArray(data) ? (data as { kind?: unknown }).kind : undefined;
  if (typeof declared === "string") {
    if (scanned && OTHER_KINDS.has(declared)) return { skipped: declared };
    return { loaded: [loadIncident(file, text, pack, inventory)], list: false };
  }
  if (scanned && data !== undefined && !isTicketJson(data)) return { skipped: "other JSON" };
  return loadJsonTicket(file, text);
}
