import { z } from "zod";
import { At } from "./at.js";

/** Where a grant comes from: the binding, the role it names, and the namespace it is confined to. */
const Grant = {
  binding: z.string().min(1).describe("The binding that grants it, as `RoleBinding/<namespace>/<name>` or `ClusterRoleBinding/<name>`."),
  role: z.string().min(1).describe("The role it names, as `ClusterRole/<name>` or `Role/<namespace>/<name>`."),
  namespace: z.string().min(1).optional().describe("The namespace the grant is confined to (a RoleBinding's); absent when cluster-wide."),
  file: z.string().min(1).optional().describe("The file that states it, when it is not the file of the identity's `source`."),
};

/** What Kubernetes manifests and `kubectl get -o json` show about a ServiceAccount that no inventory field holds. */
export const KUBERNETES_OBSERVATIONS = [
  z.strictObject({ fact: z.literal("kubernetes-cluster-admin"), ...Grant, ...At })
    .describe("The ClusterRole cluster-admin is bound to the ServiceAccount: every verb on every resource (in one namespace through a RoleBinding)."),
  z.strictObject({ fact: z.literal("kubernetes-rbac-wildcard"), ...Grant, ...At })
    .describe("A rule granted to the ServiceAccount has `*` among its verbs or resources."),
  z.strictObject({
    fact: z.literal("kubernetes-secrets-read"),
    verbs: z.array(z.string().min(1)).min(1).describe("The verbs that read Secrets: get, list, watch or *."),
    ...Grant, ...At,
  }).describe("The ServiceAccount may read Secrets (not only named ones), which include other identities' tokens."),
  z.strictObject({
    fact: z.literal("kubernetes-escalation-verb"),
    verbs: z.array(z.enum(["bind", "escalate", "impersonate"])).min(1).describe("bind or escalate on roles, impersonate on users, groups or ServiceAccounts."),
    ...Grant, ...At,
  }).describe("The ServiceAccount may grant itself, or act with, privileges it does not hold."),
  z.strictObject({ fact: z.literal("kubernetes-token-request"), ...Grant, ...At })
    .describe("The ServiceAccount may create tokens for ServiceAccounts (`serviceaccounts/token` create), so act as any of them."),
  z.strictObject({ fact: z.literal("kubernetes-pods-exec"), ...Grant, ...At })
    .describe("The ServiceAccount may run commands in pods (`pods/exec`), with the pods' own identities."),
  z.strictObject({
    fact: z.literal("kubernetes-rbac-unknown"),
    reason: z.enum(["aggregated", "not-in-sources"]).describe("aggregated: an aggregationRule whose rules the files do not hold; not-in-sources: the role is not in the files read."),
    ...Grant, ...At,
  }).describe("A role bound to the ServiceAccount whose privileges the sources do not show: they are unknown, not guessed."),
  z.strictObject({
    fact: z.literal("kubernetes-token-automount"),
    by: z.enum(["default", "serviceaccount", "pod"]).describe("default: neither the ServiceAccount nor its pods turn it off; serviceaccount or pod: that object turns it on."),
    workload: z.string().min(1).optional().describe("The workload whose pods mount it, as `<Kind>/<namespace>/<name>`."),
    ...At,
  }).describe("The ServiceAccount's token is mounted into its pods, where any code in them can read it."),
  z.strictObject({
    fact: z.literal("kubernetes-legacy-token"),
    secret: z.string().min(1).describe("The Secret of type kubernetes.io/service-account-token, as `<namespace>/<name>`."),
    valueInFile: z.boolean().describe("Is the token's value written in the file (`data` or `stringData`)? It is never copied."),
    lastUsed: z.string().min(1).optional().describe("Its `kubernetes.io/legacy-token-last-used` label."),
    invalidSince: z.string().min(1).optional().describe("Its `kubernetes.io/legacy-token-invalid-since` label."),
    ...At,
  }).describe("A long-lived token Secret: it never expires until the Secret is deleted."),
  z.strictObject({
    fact: z.literal("kubernetes-workload-identity"),
    provider: z.enum(["aws", "gcp", "azure"]).describe("aws: IRSA; gcp: GKE Workload Identity; azure: AKS workload identity."),
    annotation: z.string().min(1).describe("The ServiceAccount annotation that links it."),
    target: z.string().min(1).describe("What it links to: the IAM role ARN, the Google service account, the Azure client id."),
    ...At,
  }).describe("The ServiceAccount's tokens are exchanged for a cloud identity: what it may do in the cloud is that identity's privileges."),
] as const;
