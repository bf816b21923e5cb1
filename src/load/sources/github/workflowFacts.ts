import { compareStrings } from "../../../engine/compare.js";
import { diagnostic, type Diagnostic } from "../../diagnostic.js";
import type { Observation } from "../../schema/source.js";
import type { Path, Position, SourceDoc } from "../../sourceDoc.js";
import { actionRef } from "./actionRef.js";
import { cloudLogin } from "./cloudLogin.js";
import { secretRefs } from "./secretRefs.js";
import type { CloudLogin, JobFacts, SecretUse, WorkflowFacts } from "./types.js";
import { readPermissions } from "./workflowPermissions.js";

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => v !== null && typeof v === "object" && !Array.isArray(v);

/** Triggers that run with secrets and a write token whatever the pull request's author could push. */
const PRIVILEGED_TRIGGERS = ["pull_request_target", "workflow_run"] as const;
/** A checkout ref naming the untrusted head (Scorecard's Dangerous-Workflow test, plus `head_ref`, which it misses). */
const UNTRUSTED_REF = /github\.event\.pull_request|github\.event\.workflow_run|github\.head_ref/;

export interface ReadFacts {
  facts: WorkflowFacts;
  warnings: Diagnostic[];
}

/** What a workflow states about each job's identities, every fact with its position. */
export function workflowFacts(doc: SourceDoc): ReadFacts {
  const data = doc.data as Rec;
  const warnings: Diagnostic[] = [];
  const pos = (path: Path): Position => doc.locate(path) ?? { line: 1, column: 1 };
  const keyPos = (path: Path): Position => doc.locateKey(path) ?? pos(path);
  const triggers = triggerNames(data.on);
  const topPermissions = readPermissions(data.permissions);
  if (topPermissions.kind === "invalid") warnings.push(diagnostic(doc.file, pos(["permissions"]), "permissions: expected read-all, write-all or a map of scope to read, write or none; the token's privileges are unknown", "warning"));
  const topSecrets = secretRefs(data.env, ["env"]);
  const jobs = Object.entries(data.jobs as Rec).map(([id, job]): JobFacts => {
    const j = isRec(job) ? job : {};
    const own = readPermissions(j.permissions);
    if (own.kind === "invalid") warnings.push(diagnostic(doc.file, pos(["jobs", id, "permissions"]), `job ${id}: permissions: expected read-all, write-all or a map of scope to read, write or none; the token's privileges are unknown`, "warning"));
    const permissions = own.kind !== "none" ? own : topPermissions;
    const permissionsAt = own.kind !== "none" ? keyPos(["jobs", id, "permissions"]) : topPermissions.kind !== "none" ? keyPos(["permissions"]) : keyPos(["jobs", id]);
    const observed: Observation[] = [];
    const note = (o: Observation) => observed.push(o);
    const refs = [...topSecrets, ...secretRefs(j, ["jobs", id])];
    const secrets = new Map<string, SecretUse>();
    for (const r of refs) {
      if (r.kind === "all") note({ fact: "all-secrets", ...at(pos(r.path)) });
      else if (r.name !== "GITHUB_TOKEN" && !secrets.has(r.name)) secrets.set(r.name, { name: r.name, at: pos(r.path) });
    }
    const logins: CloudLogin[] = [];
    let retries: number | undefined;
    const runner = runnerLabels(j["runs-on"]);
    if (runner?.some((l) => l.toLowerCase() === "self-hosted")) note({ fact: "self-hosted-runner", labels: runner, ...at(pos(["jobs", id, "runs-on"])) });
    if (typeof j.uses === "string") {
      usesAction(j.uses, pos(["jobs", id, "uses"]), note);
      if (j.secrets === "inherit") note({ fact: "secrets-inherit", uses: j.uses, ...at(pos(["jobs", id, "secrets"])) });
    }
    (Array.isArray(j.steps) ? j.steps : []).forEach((step, si) => {
      if (!isRec(step) || typeof step.uses !== "string") return;
      const here = pos(["jobs", id, "steps", si, "uses"]);
      const ref = usesAction(step.uses, here, note);
      if (ref === undefined) return;
      const login = cloudLogin(ref, step.with, here);
      if (login) logins.push(login);
      const w = isRec(step.with) ? step.with : {};
      if (ref === "actions/checkout" && typeof w.ref === "string" && UNTRUSTED_REF.test(w.ref)) {
        const trigger = /workflow_run/.test(w.ref) && triggers.includes("workflow_run") ? "workflow_run" : PRIVILEGED_TRIGGERS.find((t) => triggers.includes(t));
        if (trigger) note({ fact: "untrusted-checkout", trigger, ref: w.ref, ...at(pos(["jobs", id, "steps", si, "with", "ref"])) });
      }
      // A cache outlives the run that saved it: whatever a later run restores, an earlier one wrote.
      const setupCache = /^actions\/setup-/.test(ref) && typeof w.cache === "string" && w.cache.trim() !== "";
      if (ref === "actions/cache" || setupCache) note({ fact: "shared-cache", uses: step.uses, ...at(setupCache ? pos(["jobs", id, "steps", si, "with", "cache"]) : here) });
      // nick-fields/retry counts the first try among its attempts.
      if (ref === "nick-fields/retry" && typeof w.max_attempts === "number" && w.max_attempts >= 1) retries = Math.max(retries ?? 0, w.max_attempts - 1);
    });
    const environment = environmentName(j.environment);
    return {
      id,
      at: keyPos(["jobs", id]),
      permissions,
      permissionsAt,
      secrets: [...secrets.values()].sort((a, b) => compareStrings(a.name, b.name)),
      logins,
      // In the order of the file, whichever check noticed each.
      observed: observed.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0)),
      ...(environment !== undefined ? { environment, environmentAt: pos(["jobs", id, "environment"]) } : {}),
      ...(runner !== undefined ? { selfHosted: runner.some((l) => l.toLowerCase() === "self-hosted") } : {}),
      ...(retries !== undefined ? { retries } : {}),
    };
  });
  return { facts: { file: doc.file, at: pos([]), triggers, jobs }, warnings };
}

const at = (p: Position) => ({ line: p.line, column: p.column });

/** Notes a third-party action; returns the action's `owner/repo` for the login and checkout checks. */
function usesAction(uses: string, here: Position, note: (o: Observation) => void): string | undefined {
  const ref = actionRef(uses);
  if (ref.kind === "local") return undefined;
  if (ref.kind === "docker") {
    note({ fact: "third-party-action", uses, pinned: ref.pinned, ...at(here) });
    return undefined;
  }
  if (!ref.firstParty) note({ fact: "third-party-action", uses, pinned: ref.pinned, ...at(here) });
  return ref.name;
}

/** `on: push`, `on: [push, pull_request]` or `on: {push: …}`, sorted. */
function triggerNames(on: unknown): string[] {
  const names = typeof on === "string" ? [on] : Array.isArray(on) ? on.filter((t): t is string => typeof t === "string") : isRec(on) ? Object.keys(on) : [];
  return [...new Set(names)].sort(compareStrings);
}

/** The runner labels, or undefined when an expression or a group alone decides them. */
function runnerLabels(runsOn: unknown): string[] | undefined {
  const labels = isRec(runsOn) ? runsOn.labels : runsOn;
  const list = typeof labels === "string" ? [labels] : Array.isArray(labels) ? labels : undefined;
  if (!list?.length || !list.every((l): l is string => typeof l === "string" && l.length > 0) || list.some((l) => l.includes("${{"))) return undefined;
  return list;
}

/** `environment: production` or `environment: {name: production, url: …}`; an expression is unknown. */
function environmentName(env: unknown): string | undefined {
  const name = isRec(env) ? env.name : env;
  return typeof name === "string" && name.length > 0 && !name.includes("${{") ? name : undefined;
}
