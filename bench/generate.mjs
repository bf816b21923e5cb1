// Deterministic generator for benchmark data: a seeded inventory and incident batch.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
}

const KINDS = ["service-account", "api-key", "oauth-client", "access-token", "workload", "agent", "certificate", "bot"];
const TEAMS = Array.from({ length: 40 }, (_, i) => `team-${i}`);
const DESCRIPTIONS = [
  "The nightly job kept retrying after a timeout and ran the migration twice.",
  "A token leaked in a public repository and was used to read private data.",
  "Nobody owns the service account; three teams share it and we could not tell who ran the deletion.",
  "The config change went to every region at once with no canary, and the rollback path was slow.",
  "The sub-agent inherited the parent's full scope and called the payments tool.",
  "There were no retries; the approval was lost between the ticketing system and the deploy pipeline.",
];

/**
 * How often each weakness occurs. `realistic` follows what NHI surveys report for large
 * estates (most credentials are vaulted and rotated; a few percent are shared, broad,
 * ownerless or kept in code; about a sixth of static secrets are overdue), giving about
 * 0.6 findings per entry. `stress` makes nearly every entry risky (about 2.6 findings per
 * entry), to show what the report formats cost when findings dominate.
 */
const MIXES = {
  realistic: {
    noOwner: 0.05, twoTeams: 0.08, staging: 0.05, broad: 0.02, humanUse: 0.02, staleUse: 0.08,
    types: [["workload-identity", 30], ["short-lived-token", 30], ["certificate", 10], ["static-secret", 25], ["password", 5]],
    storage: [["vault", 40], ["secret-manager", 36], ["ci-variable", 15], ["env-file", 3], ["source-code", 1], ["unknown", 5]],
    maxAge: [[30, 30], [90, 60], [365, 10]], overdue: 0.15,
    sharedState: 0.15, scopes: [["per-step", 55], ["per-run", 35], ["shared", 10]], privileged: 0.3, idempotent: 0.75, compensation: 0.7, fullLogs: 0.8,
    inheritsScope: 0.2, runtimeAuthorization: 0.8,
  },
  stress: {
    noOwner: 0.1, twoTeams: 0.2, staging: 0.15, broad: 0.1, humanUse: 0.05, staleUse: 0.8,
    types: [["static-secret", 1], ["password", 1], ["short-lived-token", 1], ["workload-identity", 1], ["certificate", 1]],
    storage: [["vault", 1], ["secret-manager", 1], ["ci-variable", 1], ["env-file", 1], ["source-code", 1], ["unknown", 1]],
    maxAge: [[1, 1], [30, 1], [90, 1], [365, 1]], overdue: 0.9,
    sharedState: 0.5, scopes: [["per-step", 1], ["per-run", 1], ["shared", 1]], privileged: 0.5, idempotent: 0.5, compensation: 0.5, fullLogs: 0.5,
    inheritsScope: 0.5, runtimeAuthorization: 0.5,
  },
};

/** The date the bench runs the gate at (--now), so "overdue" and "unused" mean the same every run. */
export const BENCH_NOW = "2026-11-23";
const NOW_MS = Date.parse(BENCH_NOW);
const daysBefore = (days) => new Date(NOW_MS - days * 86_400_000).toISOString().slice(0, 10);

/**
 * Identities : workflows (5 steps) : agents = 100 : 10 : 1, as in issue 6. With `base`,
 * the same inventory as it was before a pull request that granted one more privilege to
 * every 100th identity (1% of the entries change; the random stream is not disturbed).
 */
export function inventoryYaml(n, seed = 42, { base = false, mix = "realistic" } = {}) {
  const m = MIXES[mix];
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const weighted = (xs) => {
    let x = r() * xs.reduce((t, [, w]) => t + w, 0);
    for (const [v, w] of xs) if ((x -= w) < 0) return v;
    return xs[xs.length - 1][0];
  };
  const yes = (p) => r() < p;
  const out = ["apiVersion: nhi-triage/v1", "kind: Inventory", "identities:"];
  for (let i = 0; i < n; i++) {
    out.push(`  - id: id-${i}`, `    kind: ${pick(KINDS)}`);
    if (!yes(m.noOwner)) out.push(`    owner: ${pick(TEAMS)}`);
    out.push(`    usedBy: [${pick(TEAMS)}${yes(m.twoTeams) ? `, ${pick(TEAMS)}` : ""}]`);
    out.push(`    environments: [prod${yes(m.staging) ? ", staging" : ""}]`);
    const maxAge = weighted(m.maxAge);
    const age = yes(m.overdue) ? maxAge + 1 + Math.floor(r() * 200) : Math.floor(r() * maxAge);
    out.push(`    credential: { type: ${weighted(m.types)}, maxAge: ${maxAge}d, lastRotated: "${daysBefore(age)}", storage: ${weighted(m.storage)} }`);
    const first = yes(m.broad) ? '"*"' : "repo:read";
    out.push(`    privileges: [${first}${base && i % 100 === 7 ? "" : ", db:query"}]`);
    out.push(`    humanUse: ${yes(m.humanUse)}`, `    lastUsed: "${daysBefore(yes(m.staleUse) ? 91 + Math.floor(r() * 300) : Math.floor(r() * 60))}"`);
  }
  out.push("workflows:");
  for (let w = 0; w < Math.max(1, n / 10); w++) {
    out.push(`  - id: wf-${w}`, `    engine: ${pick(["github-actions", "argo", "airflow", "jenkins"])}`, `    stateIsolation: ${yes(m.sharedState) ? "shared" : "per-run"}`, `    credentialScope: ${weighted(m.scopes)}`, "    steps:");
    for (let s = 0; s < 5; s++) {
      out.push(`      - id: s${s}`, `        identity: id-${Math.floor(r() * n)}`, `        privileged: ${yes(m.privileged)}`, `        retries: ${Math.floor(r() * 4)}`, `        idempotent: ${yes(m.idempotent)}`);
      if (yes(m.compensation)) out.push("        compensation: undo");
      out.push(`        logs: [action, outcome${yes(m.fullLogs) ? ", actor, decision" : ""}]`);
    }
  }
  out.push("agents:");
  for (let a = 0; a < Math.max(1, n / 100); a++) {
    out.push(`  - id: agent-${a}`, `    identity: id-${Math.floor(r() * n)}`, "    tools: [tickets:read, db:query]", `    inheritsScope: ${yes(m.inheritsScope)}`, `    runtimeAuthorization: ${yes(m.runtimeAuthorization)}`);
  }
  return `${out.join("\n")}\n`;
}

/** The same inventory as JSON, for the `.json` fast path. */
export async function inventoryJsonFromYaml(yamlText) {
  const { default: jsYaml } = await import("js-yaml");
  return JSON.stringify(jsYaml.load(yamlText, { schema: jsYaml.CORE_SCHEMA }));
}

export function writeIncidents(dir, count, identities, seed = 7) {
  const r = rng(seed);
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const text = [
      "apiVersion: nhi-triage/v1",
      "kind: Incident",
      `id: BENCH-${i}`,
      `description: ${JSON.stringify(DESCRIPTIONS[i % DESCRIPTIONS.length])}`,
      `active: ${r() > 0.8}`,
      "affected:",
      `  identities: [id-${Math.floor(r() * identities)}]`,
      `  workflows: [wf-${Math.floor(r() * Math.max(1, identities / 10))}]`,
      "",
    ].join("\n");
    writeFileSync(join(dir, `inc-${String(i).padStart(5, "0")}.yaml`), text);
  }
}

/**
 * `count` incident files cycled from the retellings in `from`, each with its own id, so a
 * batch reads postmortem-length text; the retellings' own text is copied as it is.
 */
export function writePostmortemTickets(dir, from, count) {
  mkdirSync(dir, { recursive: true });
  const sources = readdirSync(from).filter((f) => f.endsWith(".yaml")).sort().map((f) => readFileSync(join(from, f), "utf8"));
  for (let i = 0; i < count; i++) {
    const text = sources[i % sources.length].replace(/^id: .*$/m, `id: TICKET-${i}`);
    writeFileSync(join(dir, `t-${String(i).padStart(5, "0")}.yaml`), text);
  }
  return count;
}

const IDENTITY_RULES = ["NHI-NO-OWNER", "NHI-STATIC-SECRET", "NHI-SHARED-BY-TEAMS", "NHI-BROAD-PRIVILEGES", "NHI-HUMAN-USE", "NHI-MIXED-ENVIRONMENTS", "NHI-UNUSED-PRIVILEGED"];
const STEP_RULES = ["NHI-UNSAFE-RETRY", "NHI-NO-COMPENSATION", "NHI-LOGS-WITHOUT-AUTHORITY"];

/**
 * Waivers for inventoryYaml(identities): mostly one rule on one identity, some globs over a
 * range of identities (`identity:id-12*`), over every step of a workflow, or over any kind
 * (`*:id-3*`); one in ten expired, and many naming an identity the rule does not fire on
 * (stale), as a long-lived waivers file collects them.
 */
export function waiversYaml(count, identities, seed = 11) {
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const out = ["apiVersion: nhi-triage/v1", "kind: Waivers", "waivers:"];
  for (let i = 0; i < count; i++) {
    const x = r();
    const id = Math.floor(r() * identities);
    const [rule, subject] =
      x < 0.75
        ? [pick(IDENTITY_RULES), `identity:id-${id}`]
        : x < 0.85
          ? [pick(IDENTITY_RULES), `identity:id-${String(id).slice(0, 3)}*`]
          : x < 0.95
            ? [pick(STEP_RULES), `workflow:wf-${Math.floor(id / 10)}/step:*`]
            : [pick(IDENTITY_RULES), `*:id-${String(id).slice(0, 2)}*`];
    const expires = r() < 0.1 ? "2026-01-31" : "2027-06-30";
    out.push(`  - rule: ${rule}`, `    subject: "${subject}"`, `    reason: accepted while the migration to workload identity runs (ticket ${i})`, "    owner: team-platform", `    expires: ${expires}`);
  }
  return `${out.join("\n")}\n`;
}

/**
 * An incident whose description is `chars` characters in two clauses: first the words of
 * one phrase repeated but never close enough together ("second run" … "repeated" must be
 * within 8 words), then the symptom phrases' words in random order, without a break (every
 * window nearly matches some phrase).
 */
export async function longIncident(chars, seed = 5) {
  const { default: jsYaml } = await import("js-yaml");
  const { readFileSync } = await import("node:fs");
  const symptoms = jsYaml.load(readFileSync(new URL("../rules/symptoms.yaml", import.meta.url), "utf8")).symptoms;
  const words = [...new Set(symptoms.flatMap((s) => (s.phrases ?? []).flatMap((p) => (typeof p === "string" ? p : p.phrase).replace(/\s~\d+$/, "").split(/[\s|]+/))).map((w) => w.replace(/\*$/, "ed")))];
  const r = rng(seed);
  const out = [`${"second run ".repeat(Math.floor(chars / 4 / 11))}${"x ".repeat(12)}${"repeated ".repeat(Math.floor(chars / 4 / 9)).trim()}.`];
  for (let size = chars / 2; size < chars; ) {
    const w = words[Math.floor(r() * words.length)];
    out.push(w);
    size += w.length + 1;
  }
  return `apiVersion: nhi-triage/v1\nkind: Incident\nid: BENCH-LONG\ndescription: ${JSON.stringify(out.join(" "))}\n`;
}

const REPORT_HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

/**
 * An IAM credential report of `n` rows (the root row first), as `aws iam get-credential-report`
 * writes it: most users machines with one active key (some two, some unused), a fifth people
 * with console passwords, N/A wherever AWS writes it.
 */
export function credentialReportCsv(n, seed = 13) {
  const r = rng(seed);
  const day = 86_400_000;
  const start = Date.parse("2019-01-01T00:00:00Z");
  const span = Date.parse(`${BENCH_NOW}T00:00:00Z`) - start;
  const date = () => `${new Date(start + Math.floor(r() * span / day) * day + Math.floor(r() * day)).toISOString().slice(0, 19)}+00:00`;
  const key = (active) => (active ? ["true", date(), r() < 0.9 ? date() : "N/A", "us-east-1", "s3"] : ["false", "N/A", "N/A", "N/A", "N/A"]);
  const rows = [REPORT_HEADER, ["<root_account>", "arn:aws:iam::123456789012:root", date(), "not_supported", date(), "not_supported", "not_supported", "true", ...key(false), ...key(false), "false", "N/A", "false", "N/A"].join(",")];
  for (let i = 1; i < n; i++) {
    const person = r() < 0.2;
    const keys = person ? 0 : r() < 0.15 ? 2 : r() < 0.95 ? 1 : 0;
    const name = `${person ? "user" : "svc"}-${String(i).padStart(6, "0")}`;
    rows.push([
      name, `arn:aws:iam::123456789012:user/${person ? "people" : "machines"}/${name}`, date(),
      String(person), person ? date() : "N/A", person ? date() : "N/A", "N/A", String(person && r() < 0.8),
      ...key(keys >= 1), ...key(keys === 2), "false", "N/A", "false", "N/A",
    ].join(","));
  }
  return `${rows.join("\n")}\n`;
}
