import type { z } from "zod";
import type { Diagnostic } from "../../diagnostic.js";
import type { Path, SourceDoc } from "../../sourceDoc.js";
import { zodIssuesToDiagnostics } from "../../zodIssues.js";
import type { KubeObject } from "./kubeObjects.js";
import { Binding, Metadata, PodSpec, POD_SPEC_PATHS, Role, Secret, ServiceAccount } from "./kubeSchemas.js";
import type { KubernetesFacts, Place, PodUseFact, PolicyRuleFact } from "./types.js";
import { workloadLinks } from "./workloadLinks.js";

const TOKEN_SECRET = "kubernetes.io/service-account-token";
const SA_NAME = "kubernetes.io/service-account.name";
/** The projected token lifetime the API server gives when a volume asks for none. */
const PROJECTED_DEFAULT = 3600;

/** A view of one object as a document of its own, so zod's paths become positions in the file. */
function objectDoc(o: KubeObject, at: Path = []): SourceDoc {
  const prefix = [...o.path, ...at];
  let data: unknown = o.doc.data;
  for (const seg of prefix) data = (data as Record<string | number, unknown> | undefined)?.[seg];
  return { file: o.doc.file, text: o.doc.text, data, locate: (p) => o.doc.locate([...prefix, ...p]), locateKey: (p) => o.doc.locateKey([...prefix, ...p]) };
}

/**
 * The facts of every object discover reads (ServiceAccounts, token Secrets, roles, bindings
 * and whatever runs pods); other kinds are passed over. An object of a kind it reads that
 * the API server would refuse is a problem at its place.
 */
export function objectFacts(objects: readonly KubeObject[]): { facts: KubernetesFacts; problems: Diagnostic[] } {
  const facts: KubernetesFacts = { serviceAccounts: [], tokenSecrets: [], roles: [], bindings: [], pods: [] };
  const problems: Diagnostic[] = [];
  for (const o of objects) {
    const parse = <S extends z.ZodType>(schema: S, at: Path = []): z.infer<S> | undefined => {
      const doc = objectDoc(o, at);
      const r = schema.safeParse(doc.data);
      if (r.success) return r.data;
      problems.push(...zodIssuesToDiagnostics(r.error.issues, doc, schema).map((d) => ({ ...d, message: `${o.kind}: ${d.message}` })));
      return undefined;
    };
    const place = (p: Path = []): Place => ({ file: o.doc.file, ...(o.doc.locate([...o.path, ...p]) ?? { line: 1, column: 1 }) });
    const keyPlace = (p: Path): Place => ({ file: o.doc.file, ...(o.doc.locateKey([...o.path, ...p]) ?? place(p)) });
    switch (o.kind) {
      case "ServiceAccount": {
        const sa = parse(ServiceAccount);
        if (!sa) break;
        const automount = sa.automountServiceAccountToken ?? undefined;
        facts.serviceAccounts.push({
          namespace: sa.metadata.namespace ?? "default",
          name: sa.metadata.name,
          ...(automount !== undefined ? { automount, automountAt: keyPlace(["automountServiceAccountToken"]) } : {}),
          links: workloadLinks(sa.metadata.annotations ?? {}, (key) => place(["metadata", "annotations", key])),
          at: place(),
        });
        break;
      }
      case "Secret": {
        const s = parse(Secret);
        if (!s || s.type !== TOKEN_SECRET) break;
        const sa = s.metadata.annotations?.[SA_NAME];
        if (!sa) break;
        const labels = s.metadata.labels ?? {};
        const created = s.metadata.creationTimestamp?.slice(0, 10);
        facts.tokenSecrets.push({
          namespace: s.metadata.namespace ?? "default",
          name: s.metadata.name,
          serviceAccount: sa,
          ...(created && /^\d{4}-\d{2}-\d{2}$/.test(created) ? { created } : {}),
          ...(labels["kubernetes.io/legacy-token-last-used"] ? { lastUsed: labels["kubernetes.io/legacy-token-last-used"] } : {}),
          ...(labels["kubernetes.io/legacy-token-invalid-since"] ? { invalidSince: labels["kubernetes.io/legacy-token-invalid-since"] } : {}),
          valueInFile: Object.keys(s.data ?? {}).length + Object.keys(s.stringData ?? {}).length > 0,
          at: place(),
        });
        break;
      }
      case "Role":
      case "ClusterRole": {
        const r = parse(Role);
        if (!r) break;
        facts.roles.push({
          kind: o.kind,
          ...(o.kind === "Role" ? { namespace: r.metadata.namespace ?? "default" } : {}),
          name: r.metadata.name,
          rules: (r.rules ?? []).map((rule, i): PolicyRuleFact => ({
            apiGroups: rule.apiGroups ?? [],
            resources: rule.resources ?? [],
            verbs: rule.verbs,
            resourceNames: rule.resourceNames ?? [],
            nonResourceURLs: rule.nonResourceURLs ?? [],
            at: place(["rules", i]),
          })),
          aggregated: r.aggregationRule !== undefined && r.aggregationRule !== null,
          at: place(),
        });
        break;
      }
      case "RoleBinding":
      case "ClusterRoleBinding": {
        const b = parse(Binding);
        if (!b) break;
        facts.bindings.push({
          kind: o.kind,
          ...(o.kind === "RoleBinding" ? { namespace: b.metadata.namespace ?? "default" } : {}),
          name: b.metadata.name,
          roleRef: { kind: b.roleRef.kind, name: b.roleRef.name, at: place(["roleRef", "name"]) },
          subjects: (b.subjects ?? []).map((s, i) => ({ kind: s.kind, name: s.name, ...(s.namespace ? { namespace: s.namespace } : {}), at: place(["subjects", i]) })),
          at: place(),
        });
        break;
      }
      default: {
        const specPath = POD_SPEC_PATHS[o.kind];
        if (!specPath) break;
        const meta = parse(Metadata, ["metadata"]);
        const spec = parse(PodSpec, specPath);
        if (meta && spec) facts.pods.push(podUse(o.kind, meta.namespace ?? "default", meta.name, spec, place()));
      }
    }
  }
  return { facts, problems };
}

function podUse(kind: string, namespace: string, name: string, spec: z.infer<typeof PodSpec>, at: Place): PodUseFact {
  const automount = spec.automountServiceAccountToken ?? undefined;
  const projectedSeconds = (spec.volumes ?? []).flatMap((v) => (v.projected?.sources ?? []).flatMap((s) => (s.serviceAccountToken ? [s.serviceAccountToken.expirationSeconds ?? PROJECTED_DEFAULT] : [])));
  return {
    workload: `${kind}/${namespace}/${name}`,
    namespace,
    // serviceAccount is the deprecated spelling; the API server fills one from the other.
    serviceAccount: spec.serviceAccountName || spec.serviceAccount || "default",
    ...(automount !== undefined ? { automount } : {}),
    projectedSeconds,
    at,
  };
}
