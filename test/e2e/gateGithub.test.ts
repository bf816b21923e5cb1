import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Log } from "sarif";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers.js";
import { run } from "./run.js";

const NOW = ["--now", "2026-11-23"];

/**
 * `n` identities, each with a few risks of its own (a static key in an env file, no owner
 * for every third, admin in prod for every fifth), so a gate without a base finds thousands.
 */
function inventory(n: number): string {
  const lines = ["apiVersion: nhi-triage/v1", "kind: Inventory", "identities:"];
  for (let i = 0; i < n; i++) {
    lines.push(
      `  - id: svc-${i}`,
      "    kind: service-account",
      ...(i % 3 ? [`    owner: team-${i % 7}`] : []),
      `    usedBy: [team-${i % 7}${i % 4 ? "" : `, team-${(i + 1) % 7}`}]`,
      `    environments: [prod${i % 2 ? ", staging" : ""}]`,
      "    credential: { type: static-secret, maxAge: 365d, lastRotated: 2025-01-01, storage: env-file }",
      `    privileges: [repo:write${i % 5 ? "" : ", prod:admin"}]`,
      "    lastUsed: 2026-11-20",
    );
  }
  return `${lines.join("\n")}\n`;
}

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
}

/** A repository with the inventory at infra/nhi.yaml, named by its config, and a sub-folder to run from. */
function repo(identities: number): string {
  const dir = realpathSync(tempDir("nhi-gate-github-"));
  git(dir, "init", "-q", "-b", "main");
  mkdirSync(join(dir, "infra"));
  mkdirSync(join(dir, "tools", "deep"), { recursive: true });
  writeFileSync(join(dir, "infra", "nhi.yaml"), inventory(identities));
  writeFileSync(join(dir, ".nhi-triage.yaml"), "apiVersion: nhi-triage/v1\nkind: Config\ninventory: infra/nhi.yaml\n");
  return dir;
}

const ON_GITHUB = { GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "acme/infra", GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567", GITHUB_RUN_ID: "4242" };

const uris = (sarif: string) =>
  (JSON.parse(sarif) as Log).runs[0]!.results!.map((r) => [r.locations![0]!.physicalLocation!.artifactLocation!.uri, r.locations![0]!.physicalLocation!.artifactLocation!.uriBaseId]);

describe("gate on GitHub: within its limits", () => {
  it("3,000 identities: a comment under 65,536 characters and a step summary under 1 MiB, most severe first, with links to the lines", () => {
    const dir = repo(3000);
    const r = run(["gate", "--format", "markdown", ...NOW], { cwd: join(dir, "tools"), env: ON_GITHUB });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const total = Number(/^### New findings \((\d+)\)$/m.exec(r.stdout)?.[1]);
    expect(total).toBeGreaterThan(3000);
    expect(r.stdout.length).toBeLessThan(65_536);
    expect(Buffer.byteLength(r.stdout)).toBeLessThan(60_001);
    console.log(`3,000 identities: ${total} new findings; markdown ${r.stdout.length} characters, ${Buffer.byteLength(r.stdout)} bytes`);
    const rows = r.stdout.split("\n").filter((l) => /^\| (❌|⚠️)/.test(l));
    expect(rows.length).toBeGreaterThan(10);
    // Most severe first: every critical row before every high one.
    const severities = rows.map((l) => /^\| (?:❌ \*\*|⚠️ )(\w+)/.exec(l)![1]);
    expect(severities.lastIndexOf("critical")).toBeLessThan(severities.indexOf("high") === -1 ? Infinity : severities.indexOf("high"));
    expect(rows[0]).toMatch(/\[infra\/nhi\.yaml:\d+\]\(https:\/\/github\.com\/acme\/infra\/blob\/0123456789abcdef0123456789abcdef01234567\/infra\/nhi\.yaml#L\d+\)/);
    const omitted = r.stdout.split("\n").filter((l) => l.startsWith("**Not listed here**"));
    expect(omitted).toHaveLength(1);
    expect(omitted[0]).toContain(`${total - rows.length} new findings`);
    expect(omitted[0]).toContain("The SARIF upload (code scanning) of [this run](https://github.com/acme/infra/actions/runs/4242), `--format text` and `--format json` list every one.");

    // Without the runner's variables: no links, the same budget.
    const local = run(["gate", "--format", "markdown", ...NOW], { cwd: join(dir, "tools") });
    expect(local.stdout).not.toContain("](https://");
    expect(local.stdout).toMatch(/\| infra\/nhi\.yaml:\d+ \|/);
  });

  it("3,000 identities: ten annotations of each kind at most, the most severe, and one line on the rest", () => {
    const dir = repo(3000);
    const r = run(["gate", "--format", "github", ...NOW], { cwd: join(dir, "tools", "deep") });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    const count = (kind: string) => lines.filter((l) => l.startsWith(`::${kind} `)).length;
    console.log(`3,000 identities: github format ${lines.length} lines: ${count("error")} errors, ${count("warning")} warnings, ${count("notice")} notice`);
    expect([count("error"), count("warning"), count("notice")]).toEqual([10, 10, 1]);
    expect(lines).toHaveLength(21);
    expect(lines.slice(0, 10).every((l) => /^::error file=infra\/nhi\.yaml,line=\d+,col=\d+,title=/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^::notice title=nhi-triage gate::GATE FAILED — \d+ new .*; \d+ more not annotated \(GitHub shows 10 errors and 10 warnings a step\): the SARIF upload and --format text list them all$/);
    const failing = Number(/\((\d+) at or above high\)/.exec(lines.at(-1)!)![1]);
    const newCount = Number(/— (\d+) new/.exec(lines.at(-1)!)![1]);
    expect(Number(/; (\d+) more not annotated/.exec(lines.at(-1)!)![1])).toBe(newCount - 20);
    expect(failing).toBeGreaterThan(10);
  });
});

describe("gate paths from the repository root", () => {
  it("SARIF, github and JUnit name the inventory from the root, from a sub-folder, from the config, a positional path or GITHUB_WORKSPACE", () => {
    const dir = repo(3);
    const tools = join(dir, "tools", "deep");
    const runs = {
      config: run(["gate", "--format", "sarif", ...NOW], { cwd: tools }),
      positional: run(["gate", "../../infra/nhi.yaml", "--format", "sarif", ...NOW], { cwd: tools }),
      absolute: run(["gate", join(dir, "infra", "nhi.yaml"), "--format", "sarif", ...NOW], { cwd: tools }),
      fromInfra: run(["gate", "nhi.yaml", "--format", "sarif", ...NOW], { cwd: join(dir, "infra") }),
      workspace: run(["gate", "--format", "sarif", ...NOW], { cwd: tools, env: { GITHUB_WORKSPACE: dir } }),
    };
    for (const [how, r] of Object.entries(runs)) {
      expect(r.stderr, how).toBe("");
      const found = uris(r.stdout);
      expect(found.length, how).toBeGreaterThan(0);
      expect(new Set(found.map(([u, base]) => `${u} ${base}`)), how).toEqual(new Set(["infra/nhi.yaml %SRCROOT%"]));
      const run0 = (JSON.parse(r.stdout) as Log).runs[0]!;
      expect(run0.originalUriBaseIds?.["%SRCROOT%"], how).toEqual({ description: { text: expect.stringContaining("root") } });
      // Described, not given: the log does not depend on where the checkout is.
      expect(r.stdout, how).not.toContain(dir);
    }

    const github = run(["gate", "--format", "github", ...NOW], { cwd: tools }).stdout;
    expect(github).toMatch(/^::error file=infra\/nhi\.yaml,line=\d+/m);
    expect(github).not.toMatch(/file=(\.\.|\/)/);
    const junit = run(["gate", "--format", "junit", ...NOW], { cwd: tools }).stdout;
    expect(junit).toMatch(/infra\/nhi\.yaml:\d+:\d+ /);
    expect(junit).not.toContain(`${dir}/infra`);
    const text = run(["gate", "nhi.yaml", "--format", "text", ...NOW], { cwd: join(dir, "infra") }).stdout;
    // Text is read where the gate ran: its paths stay as given.
    expect(text).toMatch(/^ {2}nhi\.yaml:\d+:\d+ /m);
  });

  it("--discover sources are named from the root, from a sub-folder too", () => {
    const dir = repo(1);
    mkdirSync(join(dir, "ci", ".github", "workflows"), { recursive: true });
    writeFileSync(
      join(dir, "ci", ".github", "workflows", "preview.yml"),
      "on: pull_request_target\npermissions: write-all\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - run: make\n",
    );
    const r = run(["gate", "--discover", "../ci", "--format", "sarif", ...NOW], { cwd: join(dir, "infra") });
    expect(r.stderr).toBe("");
    const found = uris(r.stdout);
    expect(found.length).toBeGreaterThan(0);
    for (const [u, base] of found) {
      expect(u).toBe("ci/.github/workflows/preview.yml");
      expect(base).toBe("%SRCROOT%");
    }
  });

  it("a file outside the repository is named by its absolute path, as a file: URI", () => {
    const dir = repo(1);
    const outside = realpathSync(tempDir("nhi-outside-"));
    writeFileSync(join(outside, "nhi.yaml"), inventory(1));
    const r = run(["gate", join(outside, "nhi.yaml"), "--format", "sarif", ...NOW], { cwd: dir });
    expect(new Set(uris(r.stdout).map(([u, base]) => `${u} ${base}`))).toEqual(new Set([`file://${join(outside, "nhi.yaml")} undefined`]));
  });
});

describe("gate SARIF rules link their pages", () => {
  it("every built-in rule has a helpUri to docs/rules/<ID>.md, a page that exists; a user's rule without a page has none", () => {
    const dir = repo(1);
    const r = run(["gate", "--format", "sarif", "--rules", join(ROOT, "rules"), "--rules", join(ROOT, "fixtures", "rule-pack"), ...NOW], { cwd: dir });
    expect(r.stderr).toBe("");
    const rules = (JSON.parse(r.stdout) as Log).runs[0]!.tool.driver.rules!;
    const { homepage } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { homepage: string };
    expect(homepage).toBe("https://github.com/nhi-triage/nhi-triage#readme");
    const withPage = rules.filter((d) => existsSync(join(ROOT, "docs", "rules", `${d.id}.md`)));
    expect(withPage.length).toBeGreaterThan(20);
    for (const d of withPage) expect(d.helpUri, d.id).toBe(`https://github.com/nhi-triage/nhi-triage/blob/main/docs/rules/${d.id}.md`);
    const own = rules.filter((d) => d.id.startsWith("ACME-"));
    for (const d of own) expect(d.helpUri, d.id).toBeUndefined();
    // Only the user's rules lack a page.
    expect(rules.filter((d) => d.helpUri === undefined).map((d) => d.id)).toEqual(own.map((d) => d.id));
  });
});
