import type { BindingFact, SubjectFact } from "../../load/sources/k8s/types.js";

export const saKey = (namespace: string, name: string) => `${namespace}/${name}`;

/** `system:serviceaccount:<ns>:<name>`: a ServiceAccount named as a User. */
const SA_USER = /^system:serviceaccount:([^:]+):([^:]+)$/;
/** `system:serviceaccounts:<ns>`: every ServiceAccount of a namespace. */
const SA_GROUP = /^system:serviceaccounts:([^:]+)$/;
/** Groups every ServiceAccount is in. */
const ALL_SA_GROUPS = new Set(["system:serviceaccounts", "system:authenticated"]);

/** The ServiceAccount a subject names by itself (not through a group), as `<ns>/<name>`. */
export function namedServiceAccount(s: SubjectFact, b: BindingFact): string | undefined {
  if (s.kind === "ServiceAccount") return saKey(s.namespace ?? b.namespace ?? "default", s.name);
  const user = s.kind === "User" ? SA_USER.exec(s.name) : null;
  return user ? saKey(user[1]!, user[2]!) : undefined;
}

/** Every ServiceAccount of `known` (keys `<ns>/<name>`) a subject stands for, groups included. */
export function subjectServiceAccounts(s: SubjectFact, b: BindingFact, known: readonly string[]): string[] {
  const named = namedServiceAccount(s, b);
  if (named) return [named];
  if (s.kind !== "Group") return [];
  if (ALL_SA_GROUPS.has(s.name)) return [...known];
  const ns = SA_GROUP.exec(s.name)?.[1];
  return ns ? known.filter((k) => k.startsWith(`${ns}/`)) : [];
}
