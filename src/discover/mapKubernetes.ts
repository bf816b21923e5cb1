import { compareStrings } from "../engine/compare.js";
import type { Identity } from "../load/schema/inventory.js";
import type { Observation } from "../load/schema/source.js";
import type { KubernetesFacts, Place, PodUseFact, ServiceAccountFact, TokenSecretFact } from "../load/sources/k8s/types.js";
import { durationText } from "./durationText.js";
import { bindingGrants, roleKey } from "./k8s/bindingGrants.js";
import { namedServiceAccount, saKey, subjectServiceAccounts } from "./k8s/bindingSubjects.js";

type Placed = { observation: Observation; at: Place };

/** Everything the files say about one ServiceAccount, wherever it was said. */
interface Account {
  namespace: string;
  name: string;
  defined?: ServiceAccountFact;
  /** Where it was first named, when no file defines it (a binding's subject, a pod, a token Secret). */
  firstSeen: Place;
  secrets: TokenSecretFact[];
  pods: PodUseFact[];
  privileges: Set<string>;
  observed: Placed[];
}

/**
 * Every ServiceAccount the files define or name, in the inventory's terms, with its RBAC
 * resolved across all files: id `k8s/<namespace>/serviceaccount/<name>`, the weakest of its
 * credentials, the privileges its bindings grant and the patterns peers flag as
 * observations. Privileges are unknown when the files hold no binding at all (a manifest of
 * workloads alone says nothing of RBAC) and `[]` when they hold bindings but none for it.
 */
export function mapKubernetes(all: readonly KubernetesFacts[]): Identity[] {
  const accounts = new Map<string, Account>();
  const account = (namespace: string, name: string, at: Place): Account => {
    const key = saKey(namespace, name);
    let a = accounts.get(key);
    if (!a) accounts.set(key, (a = { namespace, name, firstSeen: at, secrets: [], pods: [], privileges: new Set(), observed: [] }));
    return a;
  };
  const facts = {
    serviceAccounts: all.flatMap((f) => f.serviceAccounts),
    tokenSecrets: all.flatMap((f) => f.tokenSecrets),
    roles: all.flatMap((f) => f.roles),
    bindings: all.flatMap((f) => f.bindings),
    pods: all.flatMap((f) => f.pods),
  };
  // Definitions first, so an account's source is its definition wherever it is named first.
  for (const sa of facts.serviceAccounts) {
    const a = account(sa.namespace, sa.name, sa.at);
    a.defined ??= sa;
  }
  for (const s of facts.tokenSecrets) account(s.namespace, s.serviceAccount, s.at).secrets.push(s);
  for (const p of facts.pods) account(p.namespace, p.serviceAccount, p.at).pods.push(p);
  for (const b of facts.bindings) {
    for (const s of b.subjects) {
      const named = namedServiceAccount(s, b);
      if (named) account(named.slice(0, named.indexOf("/")), named.slice(named.indexOf("/") + 1), s.at);
    }
  }
  const roles = new Map(facts.roles.map((r) => [roleKey(r.kind, r.name, r.namespace), r]));
  const known = [...accounts.keys()];
  for (const b of facts.bindings) {
    const grant = bindingGrants(b, roles);
    if (!grant) continue;
    const to = new Set(b.subjects.flatMap((s) => subjectServiceAccounts(s, b, known)));
    for (const key of to) {
      const a = accounts.get(key)!;
      for (const p of grant.privileges) a.privileges.add(p);
      a.observed.push(...grant.observed);
    }
  }
  const rbacKnown = facts.bindings.length > 0;
  return [...accounts.values()].map((a) => identity(a, rbacKnown));
}

function identity(a: Account, rbacKnown: boolean): Identity {
  const source = a.defined?.at ?? a.firstSeen;
  const links = a.defined?.links ?? [];
  const observed: Placed[] = [...a.observed];
  const automount = automounted(a);
  if (automount) observed.push(automount);
  for (const s of a.secrets) {
    const o: Observation = {
      fact: "kubernetes-legacy-token", secret: `${s.namespace}/${s.name}`, valueInFile: s.valueInFile,
      ...(s.lastUsed ? { lastUsed: s.lastUsed } : {}), ...(s.invalidSince ? { invalidSince: s.invalidSince } : {}),
      line: s.at.line, column: s.at.column,
    };
    observed.push({ observation: o, at: s.at });
  }
  for (const l of links) observed.push({ observation: { fact: "kubernetes-workload-identity", provider: l.provider, annotation: l.annotation, target: l.target, line: l.at.line, column: l.at.column }, at: l.at });
  const credential = weakestCredential(a);
  return {
    id: `k8s/${a.namespace}/serviceaccount/${a.name}`,
    kind: links.length ? "workload" : "service-account",
    ...(credential ? { credential } : {}),
    ...(rbacKnown ? { privileges: [...a.privileges].sort(compareStrings) } : {}),
    ...(observed.length ? { observed: sortedObservations(observed, source.file) } : {}),
    source: { file: source.file, line: source.line, column: source.column, kind: "kubernetes-manifest" },
  };
}

/** In file order; an observation made in another file than the identity's source names that file. */
function sortedObservations(observed: readonly Placed[], file: string): Observation[] {
  const seen = new Set<string>();
  return [...observed]
    .sort((x, y) => compareStrings(x.at.file, y.at.file) || x.at.line - y.at.line || x.at.column - y.at.column || compareStrings(x.observation.fact, y.observation.fact))
    .map((p) => (p.at.file === file ? p.observation : { ...p.observation, file: p.at.file }) as Observation)
    .filter((o) => {
      const key = JSON.stringify(o);
      return !seen.has(key) && Boolean(seen.add(key));
    });
}

/**
 * Is the token mounted into pods? A pod's own setting wins over its ServiceAccount's, and
 * unset on both is mounted. With pods in the files, the first that mounts it; without, what
 * the ServiceAccount says (nothing, when no file defines it).
 */
function automounted(a: Account): Placed | undefined {
  const sa = a.defined?.automount;
  const observation = (by: "default" | "serviceaccount" | "pod", at: Place, workload?: string): Placed => ({
    observation: { fact: "kubernetes-token-automount", by, ...(workload ? { workload } : {}), line: at.line, column: at.column },
    at,
  });
  if (a.pods.length) {
    const pod = a.pods.find((p) => (p.automount ?? sa ?? true) === true);
    return pod && observation(pod.automount === true ? "pod" : sa === true ? "serviceaccount" : "default", pod.at, pod.workload);
  }
  if (!a.defined || sa === false) return undefined;
  return observation(sa === true ? "serviceaccount" : "default", a.defined.automountAt ?? a.defined.at);
}

/**
 * The weakest credential the ServiceAccount has: a legacy token Secret (static, lasts until
 * it is deleted) over a cloud link over the API server's bound tokens. A bound token's
 * lifetime is known only when every pod that mounts one projects it with expirationSeconds:
 * the automounted token may be extended to a year.
 */
function weakestCredential(a: Account): Identity["credential"] {
  if (a.secrets.length) {
    const created = a.secrets.map((s) => s.created);
    const oldest = created.every((c) => c !== undefined) ? [...(created as string[])].sort(compareStrings)[0] : undefined;
    return { type: "static-secret", ...(oldest ? { lastRotated: oldest } : {}), ...(a.secrets.some((s) => s.valueInFile) ? { storage: "source-code" } : {}) };
  }
  const aws = a.defined?.links.find((l) => l.maxAgeSeconds !== undefined);
  if (a.defined?.links.length) return { type: "workload-identity", ...(aws ? { maxAge: durationText(aws.maxAgeSeconds!) } : {}) };
  const automounts = a.pods.some((p) => (p.automount ?? a.defined?.automount ?? true) === true);
  const longest = Math.max(0, ...a.pods.flatMap((p) => p.projectedSeconds));
  return { type: "short-lived-token", ...(!automounts && longest > 0 ? { maxAge: durationText(longest) } : {}) };
}
