// Packs the project as npm would publish it, installs the tarball into an empty folder and
// runs the installed CLI: what users get, not what the working tree happens to contain.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers.js";

const npm = (args: string[], cwd: string) =>
  spawnSync("npm", args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" } });

describe("the npm package (end to end)", () => {
  it("installs from its tarball and runs --version, analyze and gate", () => {
    const out = tempDir("nhi-pack-");
    // `npm test` has just built dist/; --ignore-scripts keeps prepack from rebuilding it under the other tests.
    const packed = npm(["pack", "--json", "--ignore-scripts", "--pack-destination", out], ROOT);
    expect(packed.status, packed.stderr).toBe(0);
    const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("["))) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const paths = info!.files.map((f) => f.path);
    // Built files, rules, schema, templates and docs; no sources, tests or fixtures.
    expect(paths.filter((p) => !/^(bin|dist|rules|schema|templates|docs)\/|^(package\.json|README\.md|LICENSE)$/.test(p))).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining(["bin/nhi-triage", "dist/cli/main.js", "rules/symptoms.yaml", "schema/inventory.schema.json", "templates/init/nhi-inventory.yaml"]));

    const app = tempDir("nhi-install-");
    expect(npm(["init", "-y"], app).status).toBe(0);
    const installed = npm(["install", "--prefer-offline", "--no-audit", "--no-fund", join(out, info!.filename)], app);
    expect(installed.status, installed.stderr).toBe(0);
    expect(readdirSync(join(app, "node_modules", "nhi-triage"))).toContain("dist");

    const npx = (args: string[]) => spawnSync("npx", ["--no-install", "nhi-triage", ...args], { cwd: app, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    const version = npx(["--version"]);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const analyze = npx(["analyze", join(ROOT, "fixtures/incidents/inc-01-retry-replays-migration.yaml"), "--inventory", join(ROOT, "fixtures/inventory.yaml"), "--now", "2026-11-23"]);
    expect(analyze.status, analyze.stderr).toBe(0);
    expect(analyze.stdout).toMatch(/→ ORCHESTRATION FIRST/);
    const gate = npx(["gate", join(ROOT, "fixtures/gate/head.yaml"), "--base", join(ROOT, "fixtures/gate/base.yaml"), "--now", "2026-11-23"]);
    expect(gate.status).toBe(1);
    expect(gate.stdout).toMatch(/^GATE FAILED/);
    const init = npx(["init", join(app, "project")]);
    expect(init.status, init.stderr).toBe(0);
  }, 180_000);
});
