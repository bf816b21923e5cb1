import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers.js";
import { run } from "./run.js";

const ONE = join(ROOT, "fixtures/incidents/inc-01-retry-replays-migration.yaml");
const INVENTORY = join(ROOT, "fixtures/inventory.yaml");
const HEAD = join(ROOT, "fixtures/gate/head.yaml");
const BAD_YAML = join(ROOT, "fixtures/invalid/bad-yaml.yaml");
const OLD = "the report of an earlier run\n";

/** A folder with one good workflow and one broken one: discover reads the first, fails on the second. */
function halfBrokenSources(dir: string): string {
  const src = join(dir, "src");
  mkdirSync(join(src, ".github/workflows"), { recursive: true });
  writeFileSync(join(src, ".github/workflows/a-broken.yml"), "on: push\njobs:\n  a:\n    steps: [\n");
  writeFileSync(join(src, ".github/workflows/b-good.yml"), "on: push\njobs:\n  ok:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make\n");
  return src;
}

// Each case: a run that exits 2 on bad input, given --output (or --save) in a fresh folder.
const FAILING: Array<[string, (dir: string) => string[], string]> = [
  ["analyze of a missing file", () => ["analyze", "missing.yaml"], "--output"],
  ["analyze of a batch with one missing file", () => ["analyze", "missing.yaml", ONE, "--inventory", INVENTORY], "--output"],
  ["analyze of invalid YAML", () => ["analyze", BAD_YAML], "--output"],
  ["gate on a missing inventory", () => ["gate", "missing.yaml"], "--output"],
  ["gate with an invalid waivers file", () => ["gate", HEAD, "--waivers", BAD_YAML, "--format", "sarif"], "--output"],
  ["discover with a broken workflow", (dir) => ["discover", halfBrokenSources(dir)], "--output"],
  ["interview with invalid answers", () => ["interview", "--answers", BAD_YAML], "--save"],
  ["schema of an unknown kind", () => ["schema", "nonsense"], "--output"],
];

describe("a run that fails on bad input writes no --output file", () => {
  it.each(FAILING)("%s: exit 2 and no file", (_name, args, flag) => {
    const dir = tempDir("nhi-failed-");
    const r = run([...args(dir), flag, "x.md"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(existsSync(join(dir, "x.md"))).toBe(false);
    // Nor a temporary file left beside it.
    expect(readdirSync(dir).filter((f) => f !== "src")).toEqual([]);
  });

  it.each(FAILING)("%s: an existing file keeps its content", (_name, args, flag) => {
    const dir = tempDir("nhi-failed-");
    writeFileSync(join(dir, "x.md"), OLD);
    const r = run([...args(dir), flag, "x.md"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, "x.md"), "utf8")).toBe(OLD);
  });

  it("analyze says the file was not written, after the errors, and still reports the readable files on stdout", () => {
    const dir = tempDir("nhi-failed-");
    const r = run(["analyze", "missing.yaml", ONE, "--inventory", INVENTORY, "--output", "x.md"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("missing.yaml  error  file not found\nx.md was not written: the run had errors (exit 2); an existing file is left as it was\n");
    expect(r.stdout).toBe("");
    const toStdout = run(["analyze", "missing.yaml", ONE, "--inventory", INVENTORY], { cwd: dir });
    expect(toStdout.code).toBe(2);
    expect(toStdout.stdout).toContain("INC-2026-001");
  });

  it("discover says the file was not written; without --output the readable workflows still go to stdout", () => {
    const dir = tempDir("nhi-failed-");
    const src = halfBrokenSources(dir);
    const r = run(["discover", src, "--output", "x.yaml"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("a-broken.yml:5:1  error  invalid YAML");
    expect(r.stderr).toMatch(/x\.yaml was not written: the run had errors \(exit 2\); an existing file is left as it was\n$/);
    expect(run(["discover", src], { cwd: dir }).stdout).toContain("b-good.yml");
  });

  it("a run that succeeds, or fails only its verdict (exit 1), still writes the file", () => {
    const dir = tempDir("nhi-failed-");
    expect(run(["analyze", ONE, "--inventory", INVENTORY, "--output", "a.md", "--fail-on", "low"], { cwd: dir }).code).toBe(1);
    expect(readFileSync(join(dir, "a.md"), "utf8")).toContain("INC-2026-001");
    expect(run(["gate", HEAD, "--output", "g.txt"], { cwd: dir }).code).toBe(1);
    expect(readFileSync(join(dir, "g.txt"), "utf8").length).toBeGreaterThan(0);
  });
});
