import { describe, expect, it } from "vitest";
import { discoverInventory } from "../../src/discover/discoverInventory.js";
import { mapWorkflow, type WorkflowSettings } from "../../src/discover/mapWorkflow.js";
import { InputError } from "../../src/load/diagnostic.js";
import { loadInventory } from "../../src/load/loadInventory.js";
import { Inventory } from "../../src/load/schema/inventory.js";
import { workflowFacts } from "../../src/load/sources/github/workflowFacts.js";
import { githubWorkflow } from "../../src/load/sources/githubWorkflow.js";
import { readWorkflow } from "../../src/load/sources/github/readWorkflow.js";
import { formatInventory } from "../../src/report/formatInventory.js";

const REL = ".github/workflows/w.yml";

function discovered(text: string, settings: WorkflowSettings = {}, file = `repo/${REL}`) {
  const read = githubWorkflow(file, text, true);
  if (!read) throw new Error("not a workflow");
  const m = mapWorkflow(read.facts, REL, settings);
  return discoverInventory([{ identities: m.identities, workflows: [m.workflow] }]);
}
const identity = (inv: Inventory, id: string) => inv.identities!.find((i) => i.id === id);
const steps = (inv: Inventory) => inv.workflows![0]!.steps!;
const token = (inv: Inventory, job = "build") => identity(inv, `${REL}#${job}/GITHUB_TOKEN`);
const job = (body: string, top = "", on = "push") => `on: ${on}\n${top}jobs:\n  build:\n    runs-on: ubuntu-24.04\n${body}`;

describe("caches", () => {
  it("a cache restored across runs makes the workflow's state shared, at its step; no cache leaves it unknown", () => {
    const inv = discovered(job("    steps:\n      - uses: actions/cache@v4\n        with:\n          path: ~/.npm\n          key: npm\n"));
    expect(inv.workflows![0]!.stateIsolation).toBe("shared");
    expect(steps(inv)[0]!.observed).toEqual([{ fact: "shared-cache", uses: "actions/cache@v4", line: 6, column: 15 }]);
    const setup = discovered(job("    steps:\n      - uses: actions/setup-node@v4\n        with:\n          cache: npm\n"));
    expect(setup.workflows![0]!.stateIsolation).toBe("shared");
    expect(steps(setup)[0]!.observed![0]).toMatchObject({ fact: "shared-cache", line: 8 });
    const none = discovered(job("    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 20\n"));
    expect(none.workflows![0]!.stateIsolation).toBeUndefined();
  });
});

describe("GITHUB_TOKEN permissions", () => {
  it("takes the job's block over the workflow's, and naming scopes leaves the rest at none", () => {
    const inv = discovered(job("    permissions:\n      contents: write\n      issues: none\n    steps: []\n", "permissions: read-all\n"));
    expect(token(inv)!.privileges).toEqual(["github:contents:write"]);
    expect(token(inv)!.source!.line).toBe(6);
    expect(steps(inv)[0]).toMatchObject({ id: "build", privileged: true });
  });

  it("reads read-all, write-all and {} at the top level", () => {
    expect(token(discovered(job("    steps: []\n", "permissions: read-all\n")))!.privileges).toEqual(["github:*:read"]);
    expect(token(discovered(job("    steps: []\n", "permissions: write-all\n")))!.privileges).toEqual(["github:*"]);
    expect(token(discovered(job("    steps: []\n", "permissions: {}\n")))!.privileges).toEqual([]);
  });

  it("without a block takes the repository default, and is unknown when none is given", () => {
    const text = job("    steps: []\n");
    expect(token(discovered(text))!.privileges).toBeUndefined();
    expect(steps(discovered(text))[0]!.privileged).toBeUndefined();
    expect(token(discovered(text, { githubDefaultPermissions: "permissive" }))!.privileges).toEqual(["github:*"]);
    expect(token(discovered(text, { githubDefaultPermissions: "restricted" }))!.privileges).toEqual(["github:contents:read", "github:packages:read"]);
  });

  it("leaves a reusable workflow's job without a block unknown: it runs with its caller's token", () => {
    const text = "on: workflow_call\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps: []\n";
    expect(token(discovered(text, { githubDefaultPermissions: "permissive" }))!.privileges).toBeUndefined();
  });

  it("leaves a block GitHub would refuse unknown, with a warning at its place", () => {
    const read = readWorkflow("w.yml", job("    permissions:\n      contents: admin\n    steps: []\n"), true)!;
    const { facts, warnings } = workflowFacts(read.doc);
    expect(warnings.map((w) => [w.line, w.severity, w.message.slice(0, 30)])).toEqual([[6, "warning", "job build: permissions: expect"]]);
    expect(mapWorkflow(facts, REL, { githubDefaultPermissions: "permissive" }).identities[0]!.privileges).toBeUndefined();
  });

  it("does not count id-token: write as a write to the repository", () => {
    const inv = discovered(job("    permissions:\n      id-token: write\n    steps: []\n"));
    expect(token(inv)!.privileges).toEqual(["github:id-token:write"]);
    expect(steps(inv)[0]!.privileged).toBeUndefined();
  });

  it("lives 6 h on hosted runners and 24 h on self-hosted ones, which are observed", () => {
    expect(token(discovered(job("    steps: []\n")))!.credential!.maxAge).toBe("6h");
    const inv = discovered("on: push\njobs:\n  build:\n    runs-on: [self-hosted, linux]\n    steps: []\n");
    expect(token(inv)!.credential!.maxAge).toBe("24h");
    expect(steps(inv)[0]!.observed).toEqual([{ fact: "self-hosted-runner", labels: ["self-hosted", "linux"], line: 4, column: 14 }]);
    expect(token(discovered("on: push\njobs:\n  build:\n    runs-on: ${{ matrix.os }}\n    steps: []\n"))!.credential!.maxAge).toBeUndefined();
  });
});

describe("secrets", () => {
  it("lists each secret a job names once, by name only, and not GITHUB_TOKEN", () => {
    const inv = discovered(
      job(
        "    env:\n      A: ${{ secrets.NPM_TOKEN }}\n    steps:\n      - run: echo ${{ secrets['SLACK_HOOK'] }} ${{ secrets.NPM_TOKEN }} ${{ secrets.GITHUB_TOKEN }}\n",
        "env:\n  TOP: ${{ secrets.TOP_SECRET }}\n",
      ),
    );
    expect(steps(inv).map((s) => s.id)).toEqual(["build", "build/secrets.NPM_TOKEN", "build/secrets.SLACK_HOOK", "build/secrets.TOP_SECRET"]);
    expect(identity(inv, "secrets.NPM_TOKEN")).toEqual({
      id: "secrets.NPM_TOKEN",
      kind: "api-key",
      credential: { type: "static-secret", storage: "ci-variable" },
      source: { file: `repo/${REL}`, line: 8, column: 10, kind: "github-workflow" },
    });
  });

  it("reads the secrets context only, not a property named secrets of another", () => {
    const inv = discovered(job("    steps:\n      - run: echo ${{ inputs.secrets }} ${{ github.event.inputs.secrets.X }} ${{ my-secrets.Y }}\n"));
    expect(steps(inv).map((s) => s.id)).toEqual(["build"]);
    expect(steps(inv)[0]!.observed).toBeUndefined();
  });

  it("reads a long script with many unclosed expressions in linear time", () => {
    const run = `echo \${{ secrets.FIRST }} ${"${{ x ".repeat(200_000)}`;
    const start = performance.now();
    const inv = discovered(job(`    steps:\n      - run: ${JSON.stringify(run)}\n`));
    expect(performance.now() - start).toBeLessThan(3000);
    expect(steps(inv).map((s) => s.id)).toEqual(["build", "build/secrets.FIRST"]);
  });

  it("observes toJSON(secrets), which hands the job every secret", () => {
    const inv = discovered(job("    steps:\n      - run: echo '${{ toJSON(secrets) }}' > all.json\n"));
    expect(steps(inv)[0]!.observed).toEqual([{ fact: "all-secrets", line: 6, column: 14 }]);
  });

  it("observes secrets: inherit into a reusable workflow, and an unpinned one as third-party code", () => {
    const inv = discovered("on: push\njobs:\n  call:\n    uses: other-org/shared/.github/workflows/x.yml@v1\n    secrets: inherit\n");
    expect(steps(inv)[0]!.observed!.map((o) => o.fact)).toEqual(["third-party-action", "secrets-inherit"]);
  });

  it("lists what it observed in the order of the file", () => {
    const inv = discovered("on: push\njobs:\n  build:\n    runs-on: [self-hosted]\n    env:\n      ALL: ${{ toJSON(secrets) }}\n    steps:\n      - uses: vendor/a@v1\n");
    expect(steps(inv)[0]!.observed!.map((o) => [o.fact, o.line])).toEqual([["self-hosted-runner", 4], ["all-secrets", 6], ["third-party-action", 8]]);
  });
});

describe("cloud logins", () => {
  const login = (action: string, w: string) => discovered(job(`    steps:\n      - uses: ${action}\n        with:\n${w}`));

  it("maps OIDC logins to workload identities with their lifetime", () => {
    const aws = login("aws-actions/configure-aws-credentials@v4", "          role-to-assume: arn:aws:iam::111122223333:role/deploy\n          role-duration-seconds: 1800\n");
    expect(identity(aws, `${REL}#build/aws-oidc`)).toMatchObject({ kind: "workload", credential: { type: "workload-identity", maxAge: "30m" } });
    expect(steps(aws).map((s) => s.id)).toEqual(["build", "build/aws-oidc"]);
    const gcp = login("google-github-actions/auth@v2", "          workload_identity_provider: projects/1/locations/global/workloadIdentityPools/p/providers/gh\n");
    expect(identity(gcp, `${REL}#build/gcp-oidc`)!.credential).toEqual({ type: "workload-identity", maxAge: "1h" });
    const azure = login("azure/login@v2", "          client-id: ${{ vars.CLIENT_ID }}\n          tenant-id: ${{ vars.TENANT_ID }}\n");
    expect(identity(azure, `${REL}#build/azure-oidc`)!.credential).toEqual({ type: "workload-identity" });
  });

  it("puts the job's own identities in its environment, not the repository's secrets", () => {
    const text = "on: push\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    environment: {name: production, url: https://x.example}\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: ${{ secrets.ROLE }}\n";
    const inv = discovered(text);
    expect(token(inv)!.environments).toEqual(["production"]);
    expect(formatInventory(inv)).not.toMatch(/[&*]a\d/);
    expect(identity(inv, `${REL}#build/aws-oidc`)!.environments).toEqual(["production"]);
    expect(identity(inv, "secrets.ROLE")!.environments).toBeUndefined();
    expect(token(discovered(text.replace("{name: production, url: https://x.example}", "${{ inputs.env }}")))!.environments).toBeUndefined();
  });

  it("maps static keys to the secret that holds them, typed by the login", () => {
    const aws = login("aws-actions/configure-aws-credentials@v4", "          aws-access-key-id: ${{ secrets.AWS_KEY_ID }}\n          role-to-assume: arn:aws:iam::1:role/x\n");
    expect(aws.identities!.some((i) => i.id.endsWith("/aws-oidc"))).toBe(false);
    expect(identity(aws, "secrets.AWS_KEY_ID")).toMatchObject({ kind: "api-key", credential: { type: "static-secret" } });
    expect(identity(login("google-github-actions/auth@v2", "          credentials_json: ${{ secrets.GCP_KEY }}\n"), "secrets.GCP_KEY")!.kind).toBe("service-account");
    expect(identity(login("azure/login@v2", "          creds: ${{ secrets.AZ }}\n"), "secrets.AZ")!.kind).toBe("oauth-client");
  });

  it("records a key written into the file as stored in source code, without its value", () => {
    const inv = login("aws-actions/configure-aws-credentials@v4", "          aws-access-key-id: AKIAIOSFODNN7EXAMPLE\n");
    expect(identity(inv, `${REL}#build/aws-key`)).toMatchObject({ kind: "api-key", credential: { type: "static-secret", storage: "source-code" } });
    expect(formatInventory(inv)).not.toContain("AKIA");
    const read = readWorkflow("w.yml", job("    steps:\n      - run: deploy --key AKIAIOSFODNN7EXAMPLE\n"), true)!;
    expect(read.secrets).toMatchObject([{ file: "w.yml", line: 6, column: 14, kinds: ["aws-access-key"] }]);
  });
});

describe("actions and checkouts", () => {
  it("notes third-party actions and whether they are pinned to a full SHA, not GitHub's own or local ones", () => {
    const inv = discovered(
      job("    steps:\n      - uses: actions/checkout@v4\n      - uses: ./local\n      - uses: vendor/a@v1\n      - uses: vendor/b@0123456789abcdef0123456789abcdef01234567\n      - uses: vendor/c@0123456\n"),
    );
    expect(steps(inv)[0]!.observed!.map((o) => (o.fact === "third-party-action" ? [o.uses, o.pinned] : o.fact))).toEqual([
      ["vendor/a@v1", false],
      ["vendor/b@0123456789abcdef0123456789abcdef01234567", true],
      ["vendor/c@0123456", false],
    ]);
  });

  const checkout = "    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n";
  it("observes a checkout of the pull request's head under pull_request_target", () => {
    const inv = discovered(job(checkout, "", "pull_request_target"));
    expect(steps(inv)[0]!.observed).toEqual([{ fact: "untrusted-checkout", trigger: "pull_request_target", ref: "${{ github.event.pull_request.head.sha }}", line: 8, column: 16 }]);
  });

  it("does not under pull_request, whose token and secrets a fork does not get", () => {
    expect(steps(discovered(job(checkout, "", "pull_request")))[0]!.observed).toBeUndefined();
  });

  it("observes a checkout of the triggering run's head under workflow_run", () => {
    const inv = discovered(job("    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.workflow_run.head_sha }}\n", "", "workflow_run"));
    expect(steps(inv)[0]!.observed).toMatchObject([{ fact: "untrusted-checkout", trigger: "workflow_run" }]);
  });

  it("counts nick-fields/retry's first try among its attempts", () => {
    const inv = discovered(job("    steps:\n      - uses: nick-fields/retry@v3\n        with:\n          max_attempts: 4\n          command: make\n"));
    expect(steps(inv)[0]!.retries).toBe(3);
  });
});

describe("recognising and reading workflows", () => {
  it("recognises a workflow by its content, and passes over other YAML found in a folder", () => {
    expect(readWorkflow("ci/x.yml", "on: push\njobs: {}\n", false)).toBeDefined();
    expect(readWorkflow("config/app.yaml", "server:\n  jobs: 4\n", false)).toBeUndefined();
    expect(readWorkflow("config/broken.yaml", "a: [\n", false)).toBeUndefined();
  });

  it("refuses a named or .github/workflows file that is not a workflow, or not YAML, with its position", () => {
    expect(() => readWorkflow("x.yml", "server: 1\n", true)).toThrow(/x\.yml:1:1 {2}not a GitHub Actions workflow/);
    try {
      readWorkflow("w.yml", "on: push\njobs:\n  a:\n    steps: [\n", true);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).diagnostics[0]).toMatchObject({ file: "w.yml", line: 5 });
    }
    // Outside the workflows folder, broken YAML that reads like a workflow is still reported.
    expect(() => readWorkflow("ci/x.yml", "on: push\njobs:\n  a: [\n", false)).toThrow(InputError);
  });

  it("makes ids of the path inside the repository, so they do not change with where discover runs", () => {
    const text = job("    steps:\n      - run: echo ${{ secrets.X }}\n");
    const a = discovered(text, {}, `one/${REL}`);
    const b = discovered(text, {}, `elsewhere/two/${REL}`);
    const ids = (inv: Inventory) => [...inv.identities!.map((i) => i.id), ...inv.workflows!.flatMap((w) => [w.id, ...w.steps!.map((s) => s.id)])];
    expect(ids(a)).toEqual(ids(b));
    expect(ids(a)).toEqual([`${REL}#build/GITHUB_TOKEN`, "secrets.X", REL, "build", "build/secrets.X"]);
  });

  it("writes an inventory that the inventory loader accepts, steps resolving to identities", () => {
    const inv = discovered(job("    permissions: write-all\n    steps:\n      - uses: vendor/a@v1\n        with:\n          t: ${{ secrets.T }}\n", "", "pull_request_target"));
    expect(Inventory.safeParse(inv).success).toBe(true);
    const loaded = loadInventory("inv.yaml", formatInventory(inv));
    expect([...loaded.identities.keys()]).toEqual([`${REL}#build/GITHUB_TOKEN`, "secrets.T"]);
  });
});

describe("ids the loader's redaction leaves alone", () => {
  it("keeps ids whole when jobs, files and secrets are named like credentials", () => {
    // `token: x9…` or `secret=…` in an id would read as an assigned credential and be redacted.
    const text = "on: push\njobs:\n  rotate-token2:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: ${{ secrets.DEPLOY_SECRET_2 }}\n      - run: echo ${{ secrets.API_KEY_9f3a }}\n";
    const doc = githubWorkflow("repo/.github/workflows/token-v2.yml", text, true)!;
    const m = mapWorkflow(doc.facts, ".github/workflows/token-v2.yml", {});
    const inv = discoverInventory([{ identities: m.identities, workflows: [m.workflow] }]);
    const loaded = loadInventory("inv.yaml", formatInventory(inv));
    const ids = [...loaded.identities.keys(), ...[...loaded.workflows.values()].flatMap((w) => [w.id, ...w.steps!.map((s) => s.id)])];
    expect(ids.filter((id) => id.includes("REDACTED"))).toEqual([]);
    expect(ids).toContain("rotate-token2/secrets.DEPLOY_SECRET_2");
  });
});
