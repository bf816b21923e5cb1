import { diagnostic, type Diagnostic } from "../../diagnostic.js";
import type { Path, SourceDoc } from "../../sourceDoc.js";

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => v !== null && typeof v === "object" && !Array.isArray(v);

/** `v1`, `apps/v1`, `rbac.authorization.k8s.io/v1beta1`: a group (a DNS name) and a version. */
const API_VERSION = /^(?:[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?\/)?v[1-9][0-9]*(?:(?:alpha|beta)[1-9][0-9]*)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;
/** Our own files have the same envelope; they are never manifests. */
const OURS = /^nhi-triage\//;

/** One Kubernetes object: its data and where it sits in its document (inside a List, at `items[i]`). */
export interface KubeObject {
  kind: string;
  data: Rec;
  doc: SourceDoc;
  path: Path;
}

/** A mapping with a Kubernetes apiVersion and kind, as every object of a manifest or an export is. */
export function isKubeObject(v: unknown): v is Rec {
  return isRec(v) && typeof v.apiVersion === "string" && API_VERSION.test(v.apiVersion) && !OURS.test(v.apiVersion) && typeof v.kind === "string" && KIND.test(v.kind);
}

const isList = (v: Rec) => (v.kind as string).endsWith("List") && Array.isArray(v.items);

/**
 * The objects of a file's documents, with `List` and `<Kind>List` exports opened (an API
 * client's `<Kind>List` leaves its items' kind out). Undefined when no document is a
 * Kubernetes object: the file is some other YAML. Once one is, every other document must be
 * one too, as kubectl would require.
 */
export function kubeObjects(docs: readonly SourceDoc[]): { objects: KubeObject[]; problems: Diagnostic[] } | undefined {
  if (!docs.some((d) => isKubeObject(d.data))) return undefined;
  const objects: KubeObject[] = [];
  const problems: Diagnostic[] = [];
  for (const doc of docs) {
    const data = doc.data;
    if (data === null) continue;
    if (!isKubeObject(data)) {
      problems.push(diagnostic(doc.file, doc.locate([]), "not a Kubernetes object: expected a mapping with `apiVersion` (such as v1 or rbac.authorization.k8s.io/v1) and `kind`, as every document of a manifest has"));
      continue;
    }
    if (!isList(data)) {
      objects.push({ kind: data.kind as string, data, doc, path: [] });
      continue;
    }
    const itemKind = data.kind === "List" ? undefined : (data.kind as string).slice(0, -"List".length);
    (data.items as unknown[]).forEach((item, i) => {
      const kind = isRec(item) ? (typeof item.kind === "string" ? item.kind : itemKind) : undefined;
      if (!isRec(item) || kind === undefined || !KIND.test(kind)) {
        problems.push(diagnostic(doc.file, doc.locate(["items", i]), `items[${i}]: expected a Kubernetes object with its \`kind\` (a \`kind: List\` names the kind of each item)`));
        return;
      }
      objects.push({ kind, data: item, doc, path: ["items", i] });
    });
  }
  return { objects, problems };
}
