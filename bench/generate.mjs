// Deterministic generator for benchmark data: a seeded inventory and incident batch.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
}

const KINDS = ["service-account", "api-key", "oauth-client", "access-token", "workload", "agent", "certificate", "bot"];
const TYPES = ["static-secret", "password", "short-lived-token", "workload-identity", "certificate"];
const STORAGE = ["vault", "secret-manager", "ci-variable", "env-file", "source-code", "unknown"];
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
 * Identities : workflows (5 steps) : agents = 100 : 10 : 1, as in issue 6. With `base`,
 * the same inventory as it was before a pull request that granted one more privilege to
 * every 100th identity (1% of the entries change; the random stream is not disturbed).
 */
export function inventoryYaml(n, seed = 42, { base = false } = {}) {
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const out = ["apiVersion: nhi-triage/v1", "kind: Inventory", "identities:"];
  for (let i = 0; i < n; i++) {
    out.push(`  - id: id-${i}`, `    kind: ${pick(KINDS)}`);
    if (r() > 0.1) out.push(`    owner: ${pick(TEAMS)}`);
    out.push(`    usedBy: [${pick(TEAMS)}${r() > 0.8 ? `, ${pick(TEAMS)}` : ""}]`);
    out.push(`    environments: [prod${r() > 0.85 ? ", staging" : ""}]`);
    out.push(`    credential: { type: ${pick(TYPES)}, maxAge: ${pick([1, 30, 90, 365])}d, lastRotated: "2026-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}", storage: ${pick(STORAGE)} }`);
    const first = r() > 0.9 ? '"*"' : "repo:read";
    out.push(`    privileges: [${first}${base && i % 100 === 7 ? "" : ", db:query"}]`);
    out.push(`    humanUse: ${r() > 0.95}`, `    lastUsed: "2026-${String(1 + Math.floor(r() * 11)).padStart(2, "0")}-01"`);
  }
  out.push("workflows:");
  for (let w = 0; w < Math.max(1, n / 10); w++) {
    out.push(`  - id: wf-${w}`, `    engine: ${pick(["github-actions", "argo", "airflow", "jenkins"])}`, `    stateIsolation: ${pick(["per-run", "shared"])}`, `    credentialScope: ${pick(["per-step", "per-run", "shared"])}`, "    steps:");
    for (let s = 0; s < 5; s++) {
      out.push(`      - id: s${s}`, `        identity: id-${Math.floor(r() * n)}`, `        privileged: ${r() > 0.5}`, `        retries: ${Math.floor(r() * 4)}`, `        idempotent: ${r() > 0.5}`);
      if (r() > 0.5) out.push("        compensation: undo");
      out.push(`        logs: [action, outcome${r() > 0.5 ? ", actor, decision" : ""}]`);
    }
  }
  out.push("agents:");
  for (let a = 0; a < Math.max(1, n / 100); a++) {
    out.push(`  - id: agent-${a}`, `    identity: id-${Math.floor(r() * n)}`, "    tools: [tickets:read, db:query]", `    inheritsScope: ${r() > 0.5}`, `    runtimeAuthorization: ${r() > 0.5}`);
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
