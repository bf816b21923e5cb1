import { durationText } from "./durationText.js";
import type { Identity, Step, Workflow } from "../load/schema/inventory.js";
import type { Observation, Source } from "../load/schema/source.js";
import type { Position } from "../load/sourceDoc.js";
import type { CloudLogin, CloudProvider, JobFacts, WorkflowFacts } from "../load/sources/github/types.js";
import type { EnvironmentProtections } from "../load/sources/github/readEnvironments.js";
import { tokenPrivileges, tokenWrites, type DefaultPermissions } from "../load/sources/github/workflowPermissions.js";

export interface WorkflowSettings {
  /** The repository's default GITHUB_TOKEN permissions; unknown when not given. */
  githubDefaultPermissions?: DefaultPermissions;
  /** The repository's environments; a job's approval is unknown when not given. */
  githubEnvironments?: EnvironmentProtections;
}

export interface MappedWorkflow {
  workflow: Workflow;
  /** May repeat across workflows (a repository secret used by several): merged by id. */
  identities: Identity[];
}

/** What a stored cloud key is, by the login that uses it. */
const STATIC_KIND = { aws: "api-key", gcp: "service-account", azure: "oauth-client" } as const satisfies Record<CloudProvider, Identity["kind"]>;

/**
 * One workflow file in the inventory's terms. The job is the unit: its token is an
 * identity and a step; each secret or cloud login it uses is a step of its own, since a
 * step acts as one identity. `rel` is the file's path inside its repository, which ids are
 * made of so that they do not depend on where discover was run from. Ids use `/` and `#`,
 * never `:` or `=`: `token: x9…` or `secret=…` in an id would read as a credential to the
 * loader's redaction, and the id would be replaced.
 */
export function mapWorkflow(facts: WorkflowFacts, rel: string, settings: WorkflowSettings): MappedWorkflow {
  const source = (p: Position): Source => ({ file: facts.file, line: p.line, column: p.column, kind: "github-workflow" });
  // Repository secrets are shared by the repository's workflows: one identity per repository and name.
  const repo = rel.includes(".github/") ? rel.slice(0, rel.indexOf(".github/")) : "";
  const identities: Identity[] = [];
  const steps: Step[] = [];
  // A reusable workflow's job without a block gets its caller's token, which it can only narrow: not the repository default.
  const calledOnly = facts.triggers.length > 0 && facts.triggers.every((t) => t === "workflow_call");
  for (const job of facts.jobs) {
    const first = steps.length;
    // The job's own identities act in its environment; a repository secret may serve others too.
    const environments = job.environment !== undefined ? { environments: [job.environment] } : {};
    const token = { ...jobToken(job, `${rel}#${job.id}/GITHUB_TOKEN`, calledOnly ? {} : settings, source), ...environments };
    identities.push(token);
    const writes = tokenWrites(token.privileges);
    steps.push({
      id: job.id,
      identity: token.id,
      ...(writes ? { privileged: true } : {}),
      ...(job.retries !== undefined ? { retries: job.retries } : {}),
      ...(job.observed.length ? { observed: job.observed } : {}),
      source: source(job.at),
    });
    const staticKind = new Map<string, Identity["kind"]>();
    for (const l of job.logins) if (l.via === "static" && l.secret) staticKind.set(l.secret, STATIC_KIND[l.provider]);
    for (const s of job.secrets) {
      const id = `${repo}secrets.${s.name}`;
      identities.push({ id, kind: staticKind.get(s.name) ?? "api-key", credential: { type: "static-secret", storage: "ci-variable" }, source: source(s.at) });
      steps.push({ id: `${job.id}/secrets.${s.name}`, identity: id, source: source(s.at) });
    }
    const taken = new Set<string>();
    for (const l of job.logins) {
      const login = loginIdentity(l, `${rel}#${job.id}`, job.id, taken, source);
      if (!login) continue;
      identities.push({ ...login.identity, ...environments });
      steps.push({ id: login.step, identity: login.identity.id, source: source(l.at) });
    }
    const review = environmentReview(job, settings.githubEnvironments);
    if (review) {
      // The review gates the whole job: every identity of it acts only once someone approves.
      for (const step of steps.slice(first)) step.approval = review.approval;
      const job0 = steps[first]!;
      if (review.observed) job0.observed = [...(job0.observed ?? []), review.observed].sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
    }
  }
  // Only a cache says for sure that runs share state; without one a hosted runner starts clean,
  // but a self-hosted one may not, so no cache leaves it unknown rather than per-run.
  const cached = facts.jobs.some((j) => j.observed.some((o) => o.fact === "shared-cache"));
  return { workflow: { id: rel, engine: "github-actions", ...(cached ? { stateIsolation: "shared" as const } : {}), steps, source: source(facts.at) }, identities };
}

/**
 * Whether a job waits for a reviewer: only a job that names an environment can, and only
 * the repository's settings say whether that environment asks anyone. One they do not list
 * is created without protection the first time a job names it. A review approves the
 * pending deployments of one run (`POST /runs/{run_id}/pending_deployments`) and cannot be
 * presented for another run: single use. Whether a re-run attempt of that same run asks
 * again GitHub does not document (docs/discover.md says so).
 */
function environmentReview(job: JobFacts, environments: EnvironmentProtections | undefined): { approval: NonNullable<Step["approval"]>; observed?: Observation } | undefined {
  if (!environments || job.environment === undefined) return undefined;
  const env = environments.get(job.environment.toLowerCase());
  if (env && env.reviewers > 0) return { approval: { required: true, singleUse: true } };
  const at = job.environmentAt ?? job.at;
  return { approval: { required: false }, observed: { fact: "unreviewed-environment", environment: job.environment, listed: env !== undefined, line: at.line, column: at.column } };
}

function jobToken(job: JobFacts, id: string, settings: WorkflowSettings, source: (p: Position) => Source): Identity {
  const privileges = tokenPrivileges(job.permissions, settings.githubDefaultPermissions);
  // The token lives until the job ends: at most 6 h on GitHub's runners, 24 h on self-hosted ones.
  const maxAge = job.selfHosted === undefined ? undefined : job.selfHosted ? "24h" : "6h";
  return {
    id,
    kind: "access-token",
    credential: { type: "short-lived-token", ...(maxAge ? { maxAge } : {}), storage: "ci-variable" },
    ...(privileges ? { privileges } : {}),
    source: source(job.permissionsAt),
  };
}

/**
 * A federated login is a workload identity of its own; a stored key that a secret holds is
 * that secret's identity already, and only a key written into the file (or read from
 * elsewhere) needs one here.
 */
function loginIdentity(l: CloudLogin, job: string, jobId: string, taken: Set<string>, source: (p: Position) => Source): { identity: Identity; step: string } | undefined {
  if (l.via === "static" && l.secret) return undefined;
  const base = l.via === "oidc" ? `${l.provider}-oidc` : `${l.provider}-key`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  taken.add(name);
  const identity: Identity =
    l.via === "oidc"
      ? { id: `${job}/${name}`, kind: "workload", credential: { type: "workload-identity", ...(l.maxAgeSeconds ? { maxAge: durationText(l.maxAgeSeconds) } : {}) }, source: source(l.at) }
      : { id: `${job}/${name}`, kind: STATIC_KIND[l.provider], credential: { type: "static-secret", storage: l.literal ? "source-code" : "unknown" }, source: source(l.at) };
  return { identity, step: `${jobId}/${name}` };
}
