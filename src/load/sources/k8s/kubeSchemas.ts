import { z } from "zod";

/**
 * The parts of each Kubernetes kind discover reads, checked as the API server would check
 * them; every other field is passed over (objects are loose), and a Secret's values are
 * never read, only whether there are any.
 */
const Strings = z.record(z.string(), z.string()).nullish();

export const Metadata = z.looseObject({
  name: z.string().min(1),
  namespace: z.string().min(1).optional(),
  annotations: Strings,
  labels: Strings,
  creationTimestamp: z.string().nullish(),
});

export const ServiceAccount = z.looseObject({
  metadata: Metadata,
  automountServiceAccountToken: z.boolean().nullish(),
});

export const Secret = z.looseObject({
  metadata: Metadata,
  type: z.string().nullish(),
  data: z.record(z.string(), z.unknown()).nullish(),
  stringData: z.record(z.string(), z.unknown()).nullish(),
});

const Names = z.array(z.string()).nullish();

export const PolicyRule = z.looseObject({
  apiGroups: Names,
  resources: Names,
  verbs: z.array(z.string().min(1)).min(1),
  resourceNames: Names,
  nonResourceURLs: Names,
});

export const Role = z.looseObject({
  metadata: Metadata,
  rules: z.array(PolicyRule).nullish(),
  aggregationRule: z.looseObject({}).nullish(),
});

export const Binding = z.looseObject({
  metadata: Metadata,
  roleRef: z.looseObject({ kind: z.enum(["Role", "ClusterRole"]), name: z.string().min(1) }),
  subjects: z.array(z.looseObject({ kind: z.string().min(1), name: z.string().min(1), namespace: z.string().nullish() })).nullish(),
});

const TokenProjection = z.looseObject({ expirationSeconds: z.number().int().min(600).nullish() });

export const PodSpec = z.looseObject({
  serviceAccountName: z.string().nullish(),
  serviceAccount: z.string().nullish(),
  automountServiceAccountToken: z.boolean().nullish(),
  volumes: z
    .array(z.looseObject({ projected: z.looseObject({ sources: z.array(z.looseObject({ serviceAccountToken: TokenProjection.nullish() })).nullish() }).nullish() }))
    .nullish(),
});

/** Where each kind that runs pods keeps its pod spec. */
export const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ["spec"],
  Deployment: ["spec", "template", "spec"],
  StatefulSet: ["spec", "template", "spec"],
  DaemonSet: ["spec", "template", "spec"],
  ReplicaSet: ["spec", "template", "spec"],
  ReplicationController: ["spec", "template", "spec"],
  Job: ["spec", "template", "spec"],
  CronJob: ["spec", "jobTemplate", "spec", "template", "spec"],
};
