import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { open, type FileHandle } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- the benchmark generator is plain JavaScript
import { inventoryYaml } from "../../bench/generate.mjs";
import { ROOT, tempDir } from "../helpers.js";
import { run } from "./run.js";

const ONE = "fixtures/incidents/inc-01-retry-replays-migration.yaml";
const INV = ["--inventory", "fixtures/inventory.yaml"];
const NOW = ["--now", "2026-11-23"];
const OLD = "the report of yesterday\n";
const EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a node process; its output is collected as it comes. */
function start(args: string[]): Started {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString("utf8")));
  child.stderr!.on("data", (d: Buffer) => (err += d.toString("utf8")));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("close", (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, done };
}

async function until(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * A named pipe among the inputs: opening it for writing returns only once the CLI opens it
 * to read, so the test knows the run is under way (handlers installed) without guessing a delay.
 */
function namedPipe(path: string): string {
  const r = spawnSync("mkfifo", [path], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`mkfifo: ${r.stderr}`);
  return path;
}

async function openedByCli(pipe: string, p: Started): Promise<FileHandle> {
  const opened = open(pipe, "w");
  const died = p.done.then(({ code }) => Promise.reject(new Error(`the CLI exited (${code}) before reading ${pipe}: ${p.stderr()}`)));
  return Promise.race([opened, died]);
}

/** An output folder holding yesterday's report, which no interrupted run may touch. */
function outputFolder(): { dir: string; target: string } {
  const dir = tempDir("nhi-out-");
  const target = join(dir, "report.json");
  writeFileSync(target, OLD);
  return { dir, target };
}

function expectUntouched(dir: string, target: string): void {
  expect(readdirSync(dir)).toEqual(["report.json"]);
  expect(readFileSync(target, "utf8")).toBe(OLD);
}

describe.skipIf(process.platform === "win32")("Ctrl-C or kill during a long run of the real CLI", () => {
  it.each(["SIGINT", "SIGTERM"] as const)("analyze of a large folder, %s: exit code, one line, no temporary file, old report kept", async (signal) => {
    const incidents = tempDir("nhi-batch-");
    const template = readFileSync(join(ROOT, ONE), "utf8");
    for (let i = 0; i < 2000; i++) writeFileSync(join(incidents, `inc-${String(i).padStart(5, "0")}.yaml`), template.replace("INC-2026-001", `INC-${i}`));
    // Sorted first: once it has been read, the other 2000 files are still to come.
    const first = namedPipe(join(incidents, "000-first.yaml"));
    const { dir, target } = outputFolder();
    const p = start([`${ROOT}bin/nhi-triage`, "analyze", incidents, ...INV, ...NOW, "--format", "json", "--output", target]);
    const pipe = await openedByCli(first, p);
    await pipe.writeFile(template);
    await pipe.close();
    p.child.kill(signal);
    const { code } = await p.done;
    expect(code).toBe(EXIT[signal]);
    expect(p.stderr()).toBe("interrupted; nothing written\n");
    expect(p.stdout()).toBe("");
    expectUntouched(dir, target);
  });

  it("gate busy judging a large inventory, SIGTERM: the run ends then, not once the judging is done", async () => {
    // Reading and judging 100k identities takes seconds without a turn of the event loop; the
    // handler would run only after it, once the report had started on stdout.
    const dir = tempDir("nhi-busy-");
    const pipe = namedPipe(join(dir, "inventory.yaml"));
    const p = start([`${ROOT}bin/nhi-triage`, "gate", pipe, ...NOW, "--format", "json"]);
    const writer = await openedByCli(pipe, p);
    await writer.writeFile(inventoryYaml(100_000, 42, { mix: "stress" }) as string);
    await writer.close();
    // Long enough for the read to end, far shorter than the judging.
    await new Promise((r) => setTimeout(r, 300));
    p.child.kill("SIGTERM");
    const { code, signal } = await p.done;
    // The handler's exit code while reading, the signal's own ending while judging: 143 to a shell either way.
    expect(code === 143 || signal === "SIGTERM").toBe(true);
    expect(p.stdout()).toBe("");
    expect(p.stderr()).not.toContain("incomplete");
  });

  it("gate waiting for its inventory on stdin: exit 130, nothing written", async () => {
    const { dir, target } = outputFolder();
    // The config comes first through a named pipe, to know when the run is under way; the
    // inventory then comes on stdin, which is left open. (A signal while a named pipe is
    // still being read would keep the process in exit until the pipe's writer closes it.)
    const config = namedPipe(join(tempDir("nhi-cfg-"), "config.yaml"));
    const p = start([`${ROOT}bin/nhi-triage`, "gate", "-", "--config", config, ...NOW, "--format", "sarif", "--output", target]);
    const pipe = await openedByCli(config, p);
    await pipe.writeFile("apiVersion: nhi-triage/v1\nkind: Config\n");
    await pipe.close();
    p.child.stdin!.write(readFileSync(join(ROOT, "fixtures/gate/head.yaml"), "utf8").slice(0, 200));
    p.child.kill("SIGINT");
    expect((await p.done).code).toBe(130);
    expect(p.stderr()).toBe("interrupted; nothing written\n");
    expectUntouched(dir, target);
  });
});

/**
 * The real CLI writes even a large report in a fraction of a second, too fast to signal
 * reliably mid-write; this drives the same built modules with a report that never ends.
 */
function writer(output: string | undefined): Started {
  const url = (f: string) => pathToFileURL(join(ROOT, "dist/cli", f)).href;
  const script = `
    import { writeSync } from "node:fs";
    const { installInterruptHandlers } = await import(${JSON.stringify(url("interrupt.js"))});
    const { writeOutput } = await import(${JSON.stringify(url("writeOutput.js"))});
    installInterruptHandlers();
    function* endless() {
      const end = Date.now() + 20000;
      yield "{\\n";
      writeSync(2, "started\\n");
      while (Date.now() < end) yield "  \\"line\\": \\"" + "x".repeat(1000) + "\\",\\n";
      yield "}\\n";
    }
    await writeOutput(endless(), ${JSON.stringify(output)});
  `;
  return start(["--input-type=module", "-e", script]);
}

describe("Ctrl-C in the middle of writing a report", () => {
  it.each(["SIGINT", "SIGTERM"] as const)("to --output, %s: the temporary file is removed and the old target kept", async (signal) => {
    const { dir, target } = outputFolder();
    const p = writer(target);
    await until("the write to start", () => p.stderr().includes("started") && readdirSync(dir).some((f) => f.endsWith(".tmp")));
    p.child.kill(signal);
    const { code } = await p.done;
    expect(code).toBe(EXIT[signal]);
    expect(p.stderr()).toBe("started\ninterrupted; nothing written\n");
    expectUntouched(dir, target);
  });

  it("to stdout: exit 130 and a line saying the output is incomplete", async () => {
    const p = writer(undefined);
    await until("output on stdout", () => p.stdout().length > 100_000);
    p.child.kill("SIGINT");
    expect((await p.done).code).toBe(130);
    expect(p.stderr()).toBe("started\ninterrupted; the output on stdout is incomplete\n");
    expect(p.stdout().startsWith("{\n")).toBe(true);
  });
});

describe("--output never replaces an input", () => {
  it("refuses the input reached through a symlink or a hard link, and leaves it as it was", () => {
    const dir = tempDir("nhi-links-");
    const input = join(dir, "incident.yaml");
    const text = readFileSync(join(ROOT, ONE), "utf8");
    writeFileSync(input, text);
    mkdirSync(join(dir, "out"));
    symlinkSync(input, join(dir, "out", "via-symlink.yaml"));
    linkSync(input, join(dir, "out", "via-hardlink.yaml"));
    for (const target of ["via-symlink.yaml", "via-hardlink.yaml"]) {
      const r = run(["analyze", input, ...INV, ...NOW, "--output", join(dir, "out", target)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--output ${join(dir, "out", target)} is one of the input files; refusing to overwrite it`);
    }
    const head = join(dir, "head.yaml");
    writeFileSync(head, readFileSync(join(ROOT, "fixtures/gate/head.yaml")));
    symlinkSync(head, join(dir, "head-link.yaml"));
    const g = run(["gate", head, ...NOW, "--output", join(dir, "head-link.yaml")]);
    expect(g.code).toBe(2);
    expect(g.stderr).toContain("refusing to overwrite it");
    expect(readFileSync(head, "utf8")).toBe(readFileSync(join(ROOT, "fixtures/gate/head.yaml"), "utf8"));
    expect(readFileSync(input, "utf8")).toBe(text);
    expect(readdirSync(join(dir, "out")).sort()).toEqual(["via-hardlink.yaml", "via-symlink.yaml"]);
  });
});
