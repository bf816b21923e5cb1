import { diagnostic, type Diagnostic } from "./diagnostic.js";
import { loadDocument, type Loaded } from "./loadDocument.js";
import { OverlayFile } from "./schema/overlay.js";

/** An overlay (kind: Overlay), each id once per list and each step id once per workflow. */
export function loadOverlay(file: string, text: string): Loaded<OverlayFile> {
  return loadDocument(file, text, OverlayFile, "Overlay", (data, doc) => {
    const problems: Diagnostic[] = [];
    const once = (list: unknown, path: Array<string | number>, what: string): void => {
      if (!Array.isArray(list)) return;
      const first = new Map<string, number>();
      list.forEach((entry, i) => {
        const id = (entry as { id?: unknown } | null)?.id;
        if (typeof id !== "string") return;
        const prev = first.get(id);
        if (prev === undefined) first.set(id, i);
        else problems.push(diagnostic(file, doc.locate([...path, i, "id"]), `duplicate ${what} id "${id}" in the overlay (first at line ${doc.locate([...path, prev])?.line})`));
      });
    };
    once(data.identities, ["identities"], "identity");
    once(data.workflows, ["workflows"], "workflow");
    if (Array.isArray(data.workflows)) data.workflows.forEach((w, i) => once((w as { steps?: unknown } | null)?.steps, ["workflows", i, "steps"], "step"));
    return problems;
  });
}
