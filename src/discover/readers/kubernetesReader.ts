import type { KubernetesFacts } from "../../load/sources/k8s/types.js";
import { kubernetesManifest } from "../../load/sources/kubernetesManifest.js";
import { mapKubernetes } from "../mapKubernetes.js";
import { sourceReader } from "../sourceReader.js";

export const kubernetesReader = sourceReader<KubernetesFacts>({
  kind: "kubernetes-manifest",
  label: "a Kubernetes manifest or `kubectl get -o json` export (documents with `apiVersion` and `kind`)",
  noun: "manifest",
  collects: /\.(?:ya?ml|json)$/i,
  read(file, text, mustBe) {
    return kubernetesManifest(file.file, text, mustBe);
  },
  // RBAC crosses files: a binding in one names a role and ServiceAccounts defined in others.
  map(files) {
    return { identities: mapKubernetes(files.map((f) => f.facts)), workflows: [] };
  },
});
