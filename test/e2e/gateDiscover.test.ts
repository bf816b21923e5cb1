import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers.js";
import { run } from "./run.js";

const NOW = ["--now", "2026-12-01"];

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

/** A scratch repository whose main commit holds fixtures/sources under src/; the pull request's changes are left uncommitted. */
function repo(): string {
  const dir = tempDir("nhi-gate-discover-");
  git(dir, "init", "-q", "-b", "main");
  cpSync(join(ROOT, "fixtures/sources"), join(dir, "src"), { recursive: true });
  git(dir, "add", ".");
  git(dir, "commit", "-qm", "sources");
  return dir;
}

const PR_TARGET = `name: Preview
on: pull_request_target
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - run: make preview
`;

const CLUSTER_ADMIN = `---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: intruder
  namespace: tools
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: intruder-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - kind: ServiceAccount
    name: intruder
    namespace: tools
`;

/** The row of a new IAM user with an active access key, as the credential report writes it. */
const KEY_ROW =
  "new-robot,arn:aws:iam::123456789012:user/new-robot,2026-11-30T10:00:00+00:00,false,N/A,N/A,N/A,false,true,2026-11-30T10:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n";

describe("gate --discover --base REF", () => {
  it("reports a new pull_request_target checkout, cluster-admin binding and static key as new at their source lines", () => {
    const dir = repo();
    writeFileSync(join(dir, "src/.github/workflows/preview.yml"), PR_TARGET);
    appendFileSync(join(dir, "src/k8s/manifests/ci.yaml"), CLUSTER_ADMIN);
    appendFileSync(join(dir, "src/aws/credential-report.csv"), KEY_ROW);
    const manifest = readFileSync(join(dir, "src/k8s/manifests/ci.yaml"), "utf8");
    // The new ServiceAccount's document: the line after the appended \`---\`.
    const saLine = manifest.slice(0, manifest.lastIndexOf(CLUSTER_ADMIN)).split("\n").length + 1;
    const csvLine = readFileSync(join(dir, "src/aws/credential-report.csv"), "utf8").trimEnd().split("\n").length;

    const r = run(["gate", "--discover", "src", "--base", "main", ...NOW], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("GATE FAILED");
    const newPart = r.stdout.slice(r.stdout.indexOf("New ("), r.stdout.indexOf(" new · "));
    expect(newPart).toMatch(new RegExp(`src/\\.github/workflows/preview\\.yml:\\d+:\\d+ +CRITICAL GHA-UNTRUSTED-CHECKOUT`));
    expect(newPart).toContain(`src/k8s/manifests/ci.yaml:${saLine}:1`);
    expect(newPart).toMatch(/K8S-CLUSTER-ADMIN-BINDING +identity:k8s\/tools\/serviceaccount\/intruder/);
    expect(newPart).toContain(`src/aws/credential-report.csv:${csvLine}:1`);
    // Nothing that was already in the base commit is new.
    expect(newPart).not.toContain("identity:aws/root");

    const sarif = run(["gate", "--discover", "src", "--base", "main", "--format", "sarif", ...NOW], { cwd: dir });
    expect(sarif.code).toBe(1);
    const results = (JSON.parse(sarif.stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> }).runs[0]!.results;
    const at = (rule: string) => results.filter((x) => x.ruleId === rule).map((x) => `${x.locations[0]!.physicalLocation.artifactLocation.uri}:${x.locations[0]!.physicalLocation.region.startLine}`);
    expect(at("GHA-UNTRUSTED-CHECKOUT").some((u) => u.startsWith("src/.github/workflows/preview.yml:"))).toBe(true);
    expect(at("K8S-CLUSTER-ADMIN-BINDING")).toContain(`src/k8s/manifests/ci.yaml:${saLine}`);
  });

  it("finds nothing new when only formatting changed (indentation, key order, comments)", () => {
    const dir = repo();
    const wf = join(dir, "src/.github/workflows/ci.yml");
    const text = readFileSync(wf, "utf8");
    // Comments above, keys reordered (permissions before on), a blank line in between.
    const reordered = text.replace("on:\n  pull_request:\n  push:\n    branches: [main]\n\npermissions:\n  contents: read\n", "# reformatted\npermissions:\n    contents: read   # least\n\non:\n    pull_request:\n    push:\n        branches: [ main ]\n");
    expect(reordered).not.toBe(text);
    writeFileSync(wf, reordered);
    const k8s = join(dir, "src/k8s/manifests/ci.yaml");
    writeFileSync(k8s, `# moved down\n\n${readFileSync(k8s, "utf8")}`);
    const r = run(["gate", "--discover", "src", "--base", "main", ...NOW], { cwd: dir });
    expect(r.stdout).toContain("GATE PASSED");
    expect(r.stdout).toMatch(/\n0 new · \d+ existing · 0 resolved/);
    expect(r.code).toBe(0);
  });

  it("discovers from a sub-folder's relative paths and from the config's discover: paths", () => {
    const dir = repo();
    writeFileSync(join(dir, ".nhi-triage.yaml"), "apiVersion: nhi-triage/v1\nkind: Config\ndiscover: [src]\n");
    git(dir, "add", ".");
    git(dir, "commit", "-qm", "config");
    const fromConfig = run(["gate", "--base", "main", ...NOW], { cwd: dir });
    expect(fromConfig.stdout).toMatch(/\n0 new · \d+ existing/);
    expect(fromConfig.code).toBe(0);
    const inside = run(["gate", "--discover", ".", "--base", "main", ...NOW], { cwd: join(dir, "src") });
    expect(inside.stdout).toMatch(/\n0 new · \d+ existing/);
    expect(inside.code).toBe(0);
  });

  it("counts every finding as new when the base does not read, and refuses a ref that does not exist", () => {
    const dir = repo();
    writeFileSync(join(dir, "src/.github/workflows/ci.yml"), "on: [push\njobs: {}\n");
    git(dir, "commit", "-qam", "broken workflow");
    git(dir, "checkout", "-q", "HEAD~1", "--", "src/.github/workflows/ci.yml");
    const broken = run(["gate", "--discover", "src", "--base", "main", ...NOW], { cwd: dir });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("main:src/.github/workflows/ci.yml");
    expect(broken.stderr).toContain("every finding counts as new");
    expect(broken.stdout).toMatch(/\n\d+ new · 0 existing/);

    const missing = run(["gate", "--discover", "src", "--base", "no-such-branch", ...NOW], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--base no-such-branch: no such file, and not a commit in this repository");
    expect(missing.stdout).toBe("");
  });

  it("fails closed on the head: a YAML error, a link out of the repository, an inventory and --discover at once", () => {
    const dir = repo();
    writeFileSync(join(dir, "src/.github/workflows/ci.yml"), "on: push\njobs:\n  test:\n    runs-on: [ubuntu\n");
    const yaml = run(["gate", "--discover", "src", "--base", "main", ...NOW], { cwd: dir });
    expect(yaml.code).toBe(2);
    expect(yaml.stderr).toMatch(/src\/\.github\/workflows\/ci\.yml:\d+:\d+ +error/);
    expect(yaml.stdout).toBe("");

    const other = repo();
    const outside = tempDir("nhi-outside-");
    writeFileSync(join(outside, "secret.yml"), "on: push\njobs: {}\n");
    mkdirSync(join(other, "src/.github/workflows/linked"), { recursive: true });
    symlinkSync(join(outside, "secret.yml"), join(other, "src/.github/workflows/outside.yml"));
    const link = run(["gate", "--discover", "src", "--base", "main", ...NOW], { cwd: other });
    expect(link.code).toBe(2);
    expect(link.stderr).toContain("src/.github/workflows/outside.yml  error  is a symbolic link leading outside");

    const both = run(["gate", "inventory.yaml", "--discover", "src", ...NOW], { cwd: other });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("gate takes an inventory or --discover, not both");
  });

  it("reads a file with odd characters in its name from the base commit", () => {
    const dir = repo();
    const odd = "src/k8s/manifests/we\u00efrd name\twith tab.yaml";
    writeFileSync(join(dir, odd), CLUSTER_ADMIN);
    git(dir, "add", ".");
    git(dir, "commit", "-qm", "odd name");
    const r = run(["gate", "--discover", "src", "--base", "main", ...NOW], { cwd: dir });
    expect(r.stdout).toMatch(/\n0 new · \d+ existing/);
    expect(r.code).toBe(0);
  });

  it("judges a path the base commit does not have as empty: every finding there is new", () => {
    const dir = tempDir("nhi-gate-discover-");
    git(dir, "init", "-q", "-b", "main");
    writeFileSync(join(dir, "README.md"), "before the sources\n");
    git(dir, "add", ".");
    git(dir, "commit", "-qm", "readme");
    cpSync(join(ROOT, "fixtures/sources"), join(dir, "src"), { recursive: true });
    const r = run(["gate", "--discover", "src", "--base", "main", ...NOW], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\n\d+ new · 0 existing · 0 resolved/);
    expect(r.stderr).not.toContain("invalid");
  });

  it("keeps the failing exit code when the reader of stdout goes away", () => {
    const dir = repo();
    writeFileSync(join(dir, "src/.github/workflows/preview.yml"), PR_TARGET);
    const r = spawnSync("bash", ["-c", 'set -o pipefail; "$@" | head -c 1 >/dev/null; echo "status=${PIPESTATUS[0]}"', "bash", process.execPath, `${ROOT}bin/nhi-triage`, "gate", "--discover", "src", "--base", "main", ...NOW], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(r.stdout.trim()).toBe("status=1");
  });

  it("points a config's bad discover: at its place", () => {
    const dir = repo();
    writeFileSync(join(dir, ".nhi-triage.yaml"), "apiVersion: nhi-triage/v1\nkind: Config\ndiscover: src\n");
    const r = run(["gate", ...NOW], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.nhi-triage\.yaml:3:11 +error/);
  });
});
