import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { loadInventory } from "../../src/load/loadInventory.js";
import type { Inventory } from "../../src/load/schema/inventory.js";
import { ROOT, tempDir } from "../helpers.js";
import { run } from "./run.js";

const FIXTURE = "fixtures/sources";

/** Every entry of an inventory that can carry a source: identities, workflows and their steps. */
const entries = (inv: Inventory) => [...(inv.identities ?? []), ...(inv.workflows ?? []).flatMap((w) => [w, ...(w.steps ?? [])])];

describe("nhi-triage discover", () => {
  it("writes an inventory of the fixture repository's workflows, every entry with its source", () => {
    const r = run(["discover", FIXTURE]);
    // The warnings: a gcloud key list made right after creating a key holds its private key,
    // the kubectl export holds a token Secret's values, and the Terraform state and plan hold
    // eight sensitive values (keys, a password, an Actions secret's plaintext); none is copied.
    const warnings = r.stderr.split("\n").filter((l) => l.includes("  warning  "));
    expect(warnings).toHaveLength(10);
    expect(warnings.slice(2).every((w) => w.startsWith(`${FIXTURE}/terraform/`) && w.includes("sensitive attribute"))).toBe(true);
    expect(warnings[0]).toBe(`${FIXTURE}/gcp/deployer-sa-keys.json:17:23  warning  a credential-like value (private-key) is written in the service-account key list: it is not copied into the inventory; rotate it and keep it in a secret`);
    expect(warnings[1]).toBe(`${FIXTURE}/k8s/export/k8s.json:40:13  warning  Secret ops-bot-token holds its values in the file (\`data\`): they are not copied into the inventory; keep Secret values out of manifests and exports, and rotate any that were committed`);
    expect(r.stderr).not.toContain("error");
    expect(r.code).toBe(0);
    const inv = loadInventory("discovered.yaml", r.stdout);
    expect([...inv.workflows.keys()]).toEqual([
      ".github/workflows/ci.yml",
      ".github/workflows/deploy.yml",
      ".github/workflows/pr-preview.yml",
      ".github/workflows/release.yml",
      // Outside .github/workflows, recognised by its content; config/app.yaml is passed over.
      "ci/nightly-template.yml",
    ]);
    const data = parse(r.stdout) as Inventory;
    const missing = entries(data).filter((e) => e.source === undefined || e.source.line < 1 || !readFileSync(join(ROOT, e.source.file), "utf8"));
    expect(missing).toEqual([]);
    const preview = inv.workflows.get(".github/workflows/pr-preview.yml")!.steps![0]!;
    expect(preview.observed).toEqual([{ fact: "untrusted-checkout", trigger: "pull_request_target", ref: "${{ github.event.pull_request.head.sha }}", line: 13, column: 16 }]);
    expect(inv.identities.get(".github/workflows/deploy.yml#deploy-aws/aws-oidc")!.credential).toEqual({ type: "workload-identity", maxAge: "15m" });
    expect(inv.identities.get("secrets.GCP_SA_KEY")!.kind).toBe("service-account");
  });

  it("gives the same bytes on every run, and the same ids from inside the repository", () => {
    const a = run(["discover", FIXTURE]);
    const b = run(["discover", FIXTURE]);
    expect(b.stdout).toBe(a.stdout);
    // The reviewed inventory: a change in the mapping shows here as a diff (regenerate with --output).
    expect(a.stdout).toBe(readFileSync(join(ROOT, "fixtures/discover/expected-inventory.yaml"), "utf8"));
    const inside = run(["discover", "."], { cwd: join(ROOT, FIXTURE) });
    const ids = (text: string) => entries(parse(text) as Inventory).map((e) => e.id);
    expect(ids(inside.stdout)).toEqual(ids(a.stdout));
  });

  it("the gate points a discovered entry's findings at its source: the workflow line, not the inventory's", () => {
    const dir = tempDir("nhi-discover-");
    const out = join(dir, "inventory.yaml");
    expect(run(["discover", `${FIXTURE}/.github`, "--output", out]).code).toBe(0);
    const g = run(["gate", out, "--now", "2026-11-23", "--format", "sarif"]);
    expect([g.code, g.stderr]).toEqual([1, ""]);
    const results = (JSON.parse(g.stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> }).runs[0]!.results;
    const files = new Set(results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri));
    expect([...files].every((f) => f.startsWith(`${FIXTURE}/.github/workflows/`))).toBe(true);
    // The AWS key's finding lands on the line of the workflow that names secrets.AWS_ACCESS_KEY_ID.
    const inv = loadInventory(out, readFileSync(out, "utf8"));
    const key = inv.identities.get("secrets.AWS_ACCESS_KEY_ID")!.source!;
    const lines = readFileSync(join(ROOT, key.file), "utf8").split("\n");
    expect(lines[key.line - 1]).toContain("secrets.AWS_ACCESS_KEY_ID");
    expect(results.some((r) => r.ruleId === "NHI-STATIC-SECRET" && r.locations[0]!.physicalLocation.artifactLocation.uri === key.file && r.locations[0]!.physicalLocation.region.startLine === key.line)).toBe(true);
  });

  it("writes an inventory the gate accepts", () => {
    const dir = tempDir("nhi-discover-");
    const out = join(dir, "inventory.yaml");
    const d = run(["discover", FIXTURE, "--output", out, "--quiet"]);
    expect([d.code, d.stdout, d.stderr]).toEqual([0, "", ""]);
    const g = run(["gate", out, "--now", "2026-11-23", "--format", "json"]);
    // Failing on findings is the gate's verdict; 2 would mean it could not read the file.
    expect(g.code).toBe(1);
    expect(g.stderr).toBe("");
    const result = JSON.parse(g.stdout) as { kind: string; new: Array<{ rule: string; subject: string }> };
    expect(result.kind).toBe("GateResult");
    expect(result.new.some((f) => f.subject === "identity:secrets.AWS_ACCESS_KEY_ID" && f.rule === "NHI-STATIC-SECRET")).toBe(true);
  });

  it("takes the repository default for jobs without a permissions block", () => {
    const privileges = (args: string[]) =>
      (parse(run(["discover", `${FIXTURE}/.github/workflows/pr-preview.yml`, ...args]).stdout) as Inventory).identities!.find((i) => i.id.endsWith("/GITHUB_TOKEN"))!.privileges;
    expect(privileges([])).toBeUndefined();
    expect(privileges(["--github-default-permissions", "permissive"])).toEqual(["github:*"]);
    expect(privileges(["--github-default-permissions", "restricted"])).toEqual(["github:contents:read", "github:packages:read"]);
    expect(run(["discover", FIXTURE, "--github-default-permissions", "open"]).code).toBe(2);
  });

  it("reports every broken workflow at file:line:column, exit 2, and still writes the readable ones", () => {
    const dir = tempDir("nhi-discover-");
    mkdirSync(join(dir, ".github/workflows"), { recursive: true });
    writeFileSync(join(dir, ".github/workflows/a-broken.yml"), "on: push\njobs:\n  a:\n    steps: [\n");
    writeFileSync(join(dir, ".github/workflows/b-good.yml"), "on: push\njobs:\n  ok:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make\n");
    writeFileSync(join(dir, ".github/workflows/c-not-a-workflow.yml"), "name: just a name\n");
    const r = run(["discover", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${dir}/.github/workflows/a-broken.yml:5:1  error  invalid YAML`);
    expect(r.stderr).toContain(`${dir}/.github/workflows/c-not-a-workflow.yml:1:1  error  not a GitHub Actions workflow`);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect([...loadInventory("out.yaml", r.stdout).workflows.keys()]).toEqual([".github/workflows/b-good.yml"]);
  });

  it("reports a credential written in a workflow at its place, redacted, and never copies it", () => {
    const dir = tempDir("nhi-discover-");
    cpSync(join(ROOT, FIXTURE), dir, { recursive: true });
    writeFileSync(join(dir, ".github/workflows/leak.yml"), "on: push\njobs:\n  ok:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: deploy --key AKIAIOSFODNN7EXAMPLE\n");
    const r = run(["discover", dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("leak.yml:6:14  warning  a credential-like value (aws-access-key) is written in the workflow");
    expect(r.stdout + r.stderr).not.toContain("AKIAIOSFODNN7EXAMPLE");
    expect(run(["discover", dir, "--quiet"]).stderr).toBe("");
  });

  it("keeps several repositories' workflows and secrets apart", () => {
    const dir = tempDir("nhi-discover-");
    for (const repo of ["a", "b"]) cpSync(join(ROOT, FIXTURE), join(dir, repo), { recursive: true });
    const r = run(["discover", join(dir, "a"), join(dir, "b")]);
    expect(r.code).toBe(0);
    const inv = loadInventory("out.yaml", r.stdout);
    expect(inv.identities.has(`${dir}/a/secrets.GCP_SA_KEY`) && inv.identities.has(`${dir}/b/secrets.GCP_SA_KEY`)).toBe(true);
    expect(inv.workflows.size).toBe(10);
  });

  it("refuses a missing path and a named file that is not a workflow", () => {
    const r = run(["discover", "no/such/dir", `${FIXTURE}/config/app.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no/such/dir  error  file not found");
    expect(r.stderr).toContain(`${FIXTURE}/config/app.yaml:2:1  error  not a source discover reads: expected a GitHub Actions workflow`);
  });

  it("never writes its output over a source it read", () => {
    const dir = tempDir("nhi-discover-");
    cpSync(join(ROOT, FIXTURE), dir, { recursive: true });
    const wf = join(dir, ".github/workflows/ci.yml");
    const before = readFileSync(wf, "utf8");
    const r = run(["discover", dir, "--output", wf]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is one of the input files");
    expect(readFileSync(wf, "utf8")).toBe(before);
  });

  it("is listed in --help", () => {
    expect(run(["--help"]).stdout).toMatch(/discover \[options\] \[path\.\.\.\]/);
  });
});
