import { diagnostic, InputError, type Diagnostic } from "../diagnostic.js";
import { readYamlDocuments } from "../yamlDocuments.js";
import { redactDocument, type SecretHit } from "../../redact/redactDocument.js";
import { kubeObjects, type KubeObject } from "./k8s/kubeObjects.js";
import { objectFacts } from "./k8s/objectFacts.js";
import type { KubernetesFacts } from "./k8s/types.js";
import type { SourceDoc } from "../sourceDoc.js";

export interface KubernetesManifest {
  facts: KubernetesFacts;
  warnings: Diagnostic[];
  /** Credential-like values written in the file, outside Secrets' data (which `warnings` names); never copied. */
  secrets: SecretHit[];
}

/** Top-level `apiVersion:` and `kind:` (or their JSON keys), not ours: a file that fails to parse but was meant as a manifest. */
const LOOKS_LIKE_MANIFEST = /^(?:apiVersion[ \t]*:[ \t]*["']?(?![ \t"']|nhi-triage\/)|\s*"apiVersion"\s*:\s*"(?!nhi-triage\/))/m;
const HAS_KIND = /^\s*(?:kind|"kind")\s*:/m;

const SECRET_VALUES = new Set(["data", "stringData"]);

/**
 * The Kubernetes source: the facts of a file's manifests or `kubectl get -o json` export, or
 * undefined when the file is some other YAML or JSON. Throws an InputError for a file that
 * is (or looks like) Kubernetes and cannot be read as such, with every problem at its place.
 */
export function kubernetesManifest(file: string, text: string, expected: boolean): KubernetesManifest | undefined {
  const sources = new Map([[file, text]]);
  if (text.trim() === "") {
    if (expected) throw new InputError([diagnostic(file, { line: 1, column: 1 }, "empty file: expected a Kubernetes manifest")], sources);
    return undefined;
  }
  // Every Kubernetes object names its apiVersion: other YAML (workflows, app config) is passed over unparsed.
  if (!expected && !text.includes("apiVersion")) return undefined;
  const parsed = readYamlDocuments(file, text);
  if (!parsed.ok) {
    if (expected || (LOOKS_LIKE_MANIFEST.test(text) && HAS_KIND.test(text))) throw new InputError(parsed.diagnostics, sources);
    return undefined;
  }
  const read = kubeObjects(parsed.docs);
  if (!read) {
    if (expected) throw new InputError([diagnostic(file, parsed.docs[0]?.locate([]), "not a Kubernetes manifest: expected documents with `apiVersion` and `kind`")], sources);
    return undefined;
  }
  // Before anything reads the data, so no value of a credential written in the file is ever copied.
  const hits = new Map(parsed.docs.map((d) => [d, redactDocument(d)]));
  const { facts, problems } = objectFacts(read.objects);
  if (read.problems.length || problems.length) throw new InputError([...read.problems, ...problems], sources);
  const withValues = read.objects.filter((o) => o.kind === "Secret" && Object.keys(o.data).some((k) => SECRET_VALUES.has(k)));
  // A Secret's values get one warning of their own, whether or not each looks like a credential.
  const inSecret = (doc: SourceDoc, hit: SecretHit) => withValues.some((o) => o.doc === doc && o.path.every((seg, i) => hit.path[i] === seg) && SECRET_VALUES.has(String(hit.path[o.path.length])));
  const secrets = parsed.docs.flatMap((d) => hits.get(d)!.filter((h) => !inSecret(d, h)));
  return { facts, warnings: withValues.map(secretValueWarning), secrets };
}

function secretValueWarning(o: KubeObject): Diagnostic {
  const name = String((o.data.metadata as Record<string, unknown> | undefined)?.name ?? "");
  const key = "data" in o.data ? "data" : "stringData";
  return diagnostic(
    o.doc.file,
    o.doc.locateKey([...o.path, key]),
    `Secret ${name} holds its values in the file (\`${key}\`): they are not copied into the inventory; keep Secret values out of manifests and exports, and rotate any that were committed`,
    "warning",
  );
}
