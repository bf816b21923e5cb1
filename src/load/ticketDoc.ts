import type { Incident } from "./schema/incident.js";
import type { Position, SourceDoc } from "./sourceDoc.js";

/** Where each field of the incident made from a ticket was found in the ticket. */
export type TicketPlaces = Partial<Record<"id" | "title" | "description", Position>> & { root: Position };

/**
 * A ticket seen as the document the rest of the tool knows: its data is the incident made
 * of it, and a field's place is where the ticket said it (the ticket itself for the rest).
 */
export function ticketDoc(file: string, text: string, incident: Incident, places: TicketPlaces): SourceDoc {
  const locate = (path: ReadonlyArray<string | number>): Position => {
    const field = path[0];
    return (field === "id" || field === "title" || field === "description" ? places[field] : undefined) ?? places.root;
  };
  return { file, text, data: incident, locate, locateKey: locate };
}
