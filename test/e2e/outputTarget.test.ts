import { spawn, spawnSync } from "node:child_process";
import { closeSync, constants, copyFileSync, cpSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers.js";
import { run } from "./run.js";

const NOW = ["--now", "2026-11-23"];
const INV = ["--inventory", join(ROOT, "fixtures/inventory.yaml")];
const ONE = join(ROOT, "fixtures/incidents/inc-01-retry-replays-migration.yaml");
const ANSWERS = join(ROOT, "fixtures/answers/incidents/inc-01-retry-replays-migration.yaml");
const HEAD = join(ROOT, "fixtures/gate/head.yaml");
const BASE = join(ROOT, "fixtures/gate/base.yaml");

/**
 * A character device made here, never /dev's own: if the code under test replaced it with
 * a regular file, only this copy would be lost. `major, minor` 1,3 is null, 1,7 is full.
 */
function device(dir: string, name: string, minor: 3 | 7): string {
  const path = join(dir, name);
  const r = spawnSync("mknod", [path, "c", "1", String(minor)], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`mknod: ${r.stderr}`);
  return path;
}

function fifo(dir: string, name: string): string {
  const path = join(dir, name);
  const r = spawnSync("mkfifo", [path], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`mkfifo: ${r.stderr}`);
  return path;
}

/** A CLI that never opened the FIFO leaves its reader waiting: a writer that comes and goes ends it. */
function endReader(pipe: string): void {
  try {
    closeSync(openSync(pipe, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // ENXIO: no reader is left, it has had its report.
  }
}

const isRoot = process.getuid?.() === 0;

describe.skipIf(process.platform !== "linux" || !isRoot)("--output, --save onto a device: written through, never replaced", () => {
  it.each([
    ["gate", ["gate", HEAD, "--base", BASE, ...NOW, "--format", "sarif"], 1],
    ["analyze", ["analyze", ONE, ...INV, ...NOW, "--format", "json"], 0],
    ["schema", ["schema", "inventory"], 0],
  ])("%s --output to a null device: the exit code of the run, the device still a device", (_name, args, code) => {
    const dir = tempDir("nhi-dev-");
    const nul = device(dir, "null", 3);
    const r = run([...(args as string[]), "--output", nul]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(code);
    expect(lstatSync(nul).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir)).toEqual(["null"]);
    expect(lstatSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it("interview --save to a null device writes through it, though it exists", () => {
    const dir = tempDir("nhi-dev-");
    const nul = device(dir, "null", 3);
    const r = run(["interview", "--answers", ANSWERS, ...INV, ...NOW, "--save", nul]);
    expect(r.stderr).toBe(`saved the incident to ${nul}\n`);
    expect(r.code).toBe(0);
    expect(lstatSync(nul).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir)).toEqual(["null"]);
  });

  it("a full device: one line naming it, exit 2 even for a passing gate, the device kept", () => {
    const dir = tempDir("nhi-dev-");
    const full = device(dir, "full", 7);
    for (const format of ["text", "json"]) {
      // Against itself as the base nothing is new: the gate passes.
      expect(run(["gate", BASE, "--base", BASE, ...NOW, "--format", format]).code).toBe(0);
      const r = run(["gate", BASE, "--base", BASE, ...NOW, "--format", format, "--output", full]);
      expect(r.stderr).toBe(`error  cannot write ${full}: no space left on the device\n`);
      expect(r.code).toBe(2);
    }
    const schema = run(["schema", "inventory", "--output", full]);
    expect(schema.stderr).toBe(`error  cannot write ${full}: no space left on the device\n`);
    expect(schema.code).toBe(2);
    expect(lstatSync(full).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir)).toEqual(["full"]);
  });
});

describe.skipIf(process.platform !== "linux")("--output onto a FIFO or a descriptor", () => {
  it("a FIFO: its reader gets the whole report, and it stays a FIFO", async () => {
    const dir = tempDir("nhi-fifo-");
    const pipe = fifo(dir, "report.pipe");
    const child = spawn(process.execPath, [`${ROOT}bin/nhi-triage`, "gate", HEAD, "--base", BASE, ...NOW, "--format", "json", "--output", pipe], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    const [code, received] = await Promise.all([exited.then((c) => (endReader(pipe), c)), readFile(pipe, "utf8")]);
    expect(code).toBe(1);
    expect(stderr).toBe("");
    expect(JSON.parse(received)).toMatchObject({ kind: "GateResult", passed: false });
    expect(lstatSync(pipe).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(["report.pipe"]);
  });

  it("a link to /proc/self/fd/1 (what /dev/stdout is): the report goes to stdout, appended, and the link stays", () => {
    const dir = tempDir("nhi-fd-");
    const link = join(dir, "stdout");
    symlinkSync("/proc/self/fd/1", link);
    const out = join(dir, "log.txt");
    writeFileSync(out, "earlier lines\n");
    // As `>> log.txt` would give it: what the file held must stay.
    const fd = openSync(out, "a");
    try {
      const r = spawnSync(process.execPath, [`${ROOT}bin/nhi-triage`, "schema", "inventory", "--output", link], { cwd: ROOT, stdio: ["ignore", fd, "pipe"], encoding: "utf8" });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
    } finally {
      closeSync(fd);
    }
    const schema = run(["schema", "inventory"]).stdout;
    expect(readFileSync(out, "utf8")).toBe(`earlier lines\n${schema}`);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["log.txt", "stdout"]);
  });
});

describe("--output never replaces a file the run read", () => {
  /** A project folder: a config naming a rule pack and the inventory, as `init` writes them. */
  function project(): { dir: string; config: string; rule: string; inventory: string } {
    const dir = tempDir("nhi-proj-");
    const pack = join(dir, "pack");
    cpSync(join(ROOT, "fixtures/rule-pack"), pack, { recursive: true });
    copyFileSync(HEAD, join(dir, "inventory.yaml"));
    writeFileSync(join(dir, ".nhi-triage.yaml"), "apiVersion: nhi-triage/v1\nkind: Config\ninventory: inventory.yaml\nrulePacks: [pack]\n");
    return { dir, config: join(dir, ".nhi-triage.yaml"), rule: join(pack, "rules", "ci-forks.yaml"), inventory: join(dir, "inventory.yaml") };
  }

  it("the project config, a rule of a pack, by path or through a link: refused, left as they were", () => {
    const p = project();
    symlinkSync(p.config, join(p.dir, "config-link.yaml"));
    linkSync(p.rule, join(p.dir, "rule-hardlink.yaml"));
    const before = [p.config, p.rule, p.inventory].map((f) => readFileSync(f, "utf8"));
    for (const target of [".nhi-triage.yaml", "config-link.yaml", "pack/rules/ci-forks.yaml", "rule-hardlink.yaml"]) {
      for (const args of [["gate", ...NOW], ["analyze", ONE, ...NOW]]) {
        const r = run([...args, "--output", target], { cwd: p.dir });
        expect(r.stderr).toBe(`error  --output ${target} is one of the input files; refusing to overwrite it\n`);
        expect(r.code).toBe(2);
      }
    }
    expect([p.config, p.rule, p.inventory].map((f) => readFileSync(f, "utf8"))).toEqual(before);
    expect(lstatSync(join(p.dir, "config-link.yaml")).isSymbolicLink()).toBe(true);
  });

  it("--rules DIR's files are inputs too", () => {
    const p = project();
    const r = run(["analyze", ONE, "--no-config", "--rules", "pack", ...NOW, "--output", "pack/rules/ci-forks.yaml"], { cwd: p.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is one of the input files");
  });

  it("interview --save onto the config (hard-linked) is refused before anything is asked", () => {
    const p = project();
    linkSync(p.config, join(p.dir, "saved.yaml"));
    const before = readFileSync(p.config, "utf8");
    const r = run(["interview", "--answers", ANSWERS, ...NOW, "--save", "saved.yaml"], { cwd: p.dir });
    expect(r.stderr).toBe("error  --save saved.yaml is one of the input files; refusing to overwrite it\n");
    expect(r.code).toBe(2);
    expect(readFileSync(p.config, "utf8")).toBe(before);
  });

  it("a symlink to a report that is not an input: the report replaces its target, and the link stays a link", () => {
    const dir = tempDir("nhi-link-");
    mkdirSync(join(dir, "reports"));
    writeFileSync(join(dir, "reports", "gate.json"), "yesterday\n");
    symlinkSync("reports/gate.json", join(dir, "latest.json"));
    const r = run(["gate", HEAD, ...NOW, "--format", "json", "--output", join(dir, "latest.json")]);
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, "reports", "gate.json"), "utf8"))).toMatchObject({ kind: "GateResult" });
    expect(lstatSync(join(dir, "latest.json")).isSymbolicLink()).toBe(true);
    expect(readdirSync(join(dir, "reports"))).toEqual(["gate.json"]);
  });
});
