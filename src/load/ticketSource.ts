import type { Diagnostic } from "./diagnostic.js";
import type { TextMap } from "./textMap.js";

export const TICKET_FORMATS = ["text", "markdown", "github", "jira"] as const;
export type TicketFormat = (typeof TICKET_FORMATS)[number];

/** Where a ticket's incident id came from, so the docs and `--format json` users can tell. */
export type TicketIdSource = "front-matter" | "id-line" | "file-name" | "issue-number" | "issue-url" | "issue-key";

/** What a loaded ticket keeps besides the incident made of it. */
export interface TicketSource {
  format: TicketFormat;
  idFrom: TicketIdSource;
  /** Labels as the ticket had them; kept for later use, they do not change the triage. */
  labels: string[];
  /** incident.title, character by character, back to the file. */
  title: TextMap;
  /** incident.description (empty when there is none), character by character, back to the file. */
  description: TextMap;
  /** Problems that do not stop the ticket being read (an Atlassian node with no text). */
  warnings: Diagnostic[];
}
