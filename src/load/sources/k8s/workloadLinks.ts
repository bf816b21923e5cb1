import type { CloudProvider, Place, WorkloadLink } from "./types.js";

/** The annotations that tie a ServiceAccount to a cloud identity, by provider. */
const LINKS: ReadonlyArray<{ annotation: string; provider: CloudProvider }> = [
  { annotation: "eks.amazonaws.com/role-arn", provider: "aws" },
  { annotation: "iam.gke.io/gcp-service-account", provider: "gcp" },
  { annotation: "azure.workload.identity/client-id", provider: "azure" },
];
/** IRSA's token lifetime when the ServiceAccount names none (EKS documentation). */
const IRSA_DEFAULT_SECONDS = 86400;

/** The cloud identities a ServiceAccount's annotations link it to (IRSA, GKE, AKS workload identity). */
export function workloadLinks(annotations: Readonly<Record<string, string>>, at: (key: string) => Place): WorkloadLink[] {
  return LINKS.filter((l) => annotations[l.annotation]).map((l) => {
    const expiration = l.provider === "aws" ? Number(annotations["eks.amazonaws.com/token-expiration"] ?? IRSA_DEFAULT_SECONDS) : undefined;
    return {
      provider: l.provider,
      annotation: l.annotation,
      target: annotations[l.annotation]!,
      ...(expiration !== undefined && Number.isInteger(expiration) && expiration > 0 ? { maxAgeSeconds: expiration } : {}),
      at: at(l.annotation),
    };
  });
}
