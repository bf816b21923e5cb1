// Runs one fuzz case through the CLI's `main(argv)` in this process and checks the
// properties every input must keep, whatever it holds:
//   - main() resolves (no rejection) and nothing escapes as an uncaught exception;
//   - the exit code is 0, 1 or 2 (3 is "internal error", a bug; anything else is too);
//   - the case finishes within a time limit (no hang);
//   - on exit 2, stderr has an error line naming a file the user gave (or a folder or path
//     inside the case), with line:column when that file is valid YAML, and no stack trace;
//   - on exit 0 or 1, a JSON or SARIF report on stdout parses.
// Shared by test/fuzz/*.test.ts (with src/cli/main.ts) and scripts/fuzz.mjs (with dist/).
import { Buffer } from "node:buffer";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { setImmediate, setTimeout, clearTimeout } from "node:timers";
import { parseDocument } from "yaml";

/** A folder for the cases' files; remove it with removeScratch. */
export function makeScratch(prefix = "nhi-fuzz-") {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeScratch(dir) {
  rmSync(dir, { recursive: true, force: true });
}

function bytesOf(f) {
  const buf = Buffer.from(f.text, "utf8");
  if (!f.raw) return buf;
  const at = f.raw.at % (buf.length + 1);
  return Buffer.concat([buf.subarray(0, at), Buffer.from(f.raw.bytes), buf.subarray(at)]);
}

/** What the tool reads from the file: UTF-8 with a leading BOM dropped, as readText does. */
function readBack(bytes) {
  return bytes.toString("utf8").replace(/^\uFEFF/, "");
}

/** Whether the file is one YAML document the exact parser reads, i.e. one a diagnostic can point into. */
export function parsesAsYaml(text) {
  if (text.trim() === "" || text.includes("\u0000")) return false;
  try {
    const doc = parseDocument(text, { uniqueKeys: true, strict: true });
    if (doc.errors.length > 0) return false;
    doc.toJS({ maxAliasCount: 100 });
    return true;
  } catch {
    return false;
  }
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"];

/**
 * Calls main(argv) with stdout and stderr captured, process.exitCode reset around it, and
 * uncaught exceptions and unhandled rejections recorded.
 */
export async function invoke(main, argv, timeoutMs) {
  const out = [];
  const err = [];
  const capture = (into) =>
    function write(chunk, encoding, cb) {
      into.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      const done = typeof encoding === "function" ? encoding : cb;
      if (typeof done === "function") done();
      return true;
    };
  const uncaught = [];
  const onUncaught = (e) => uncaught.push(e);
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  const errorListeners = new Set(process.stdout.listeners("error"));
  const signalListeners = new Map(SIGNALS.map((sig) => [sig, new Set(process.listeners(sig))]));
  const previousCode = process.exitCode;
  process.on("uncaughtException", onUncaught);
  process.on("unhandledRejection", onUncaught);
  process.exitCode = undefined;
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  let timer;
  let rejected;
  let timedOut = false;
  const t0 = performance.now();
  try {
    await Promise.race([
      main(argv),
      new Promise((done) => {
        timer = setTimeout(() => {
          timedOut = true;
          done();
        }, timeoutMs);
      }),
    ]);
  } catch (e) {
    rejected = e;
  } finally {
    clearTimeout(timer);
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
  }
  const ms = performance.now() - t0;
  // Let a stray rejection or exception of this case surface before the next one starts.
  await new Promise((done) => setImmediate(done));
  process.off("uncaughtException", onUncaught);
  process.off("unhandledRejection", onUncaught);
  // main() adds an EPIPE handler to stdout on every call; keep one run's from piling up.
  for (const l of process.stdout.listeners("error")) if (!errorListeners.has(l)) process.stdout.off("error", l);
  // Nor the signal handlers it installs: they would outlive the run (and exit the test process).
  for (const sig of SIGNALS) for (const l of process.listeners(sig)) if (!signalListeners.get(sig).has(l)) process.off(sig, l);
  const code = process.exitCode;
  process.exitCode = previousCode;
  return { code, stdout: out.join(""), stderr: err.join(""), ms, rejected, uncaught, timedOut };
}

/** Writes the case's files into a fresh folder of `scratch`; returns it with the argv resolved and what each file reads as. */
export function materialize(c, scratch) {
  const dir = mkdtempSync(join(scratch, "case-"));
  const files = new Map();
  for (const f of c.files) {
    const path = join(dir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    const bytes = bytesOf(f);
    writeFileSync(path, bytes);
    files.set(path, readBack(bytes));
  }
  const argv = c.argv.map((a) => a.split("$DIR").join(dir));
  return { dir, argv, files };
}

const DIAGNOSTIC = /^(\S.*?)(?::(\d+):(\d+))? {2}(error|warning) {2}(.*)$/;
const USAGE = /^error {2}(.*)$/;
const STACK = /^\s+at (?:.+ \()?(?:file:\/\/|node:|\/)[^\s)]*:\d+:\d+\)?$/m;

/** The diagnostics on stderr: `file[:line:column]  error|warning  message`. */
export function diagnosticsOf(stderr) {
  return stderr.split("\n").flatMap((line) => {
    const m = DIAGNOSTIC.exec(line);
    if (!m || m[1] === "error" || m[1] === "warning") return [];
    return [{ file: m[1], line: m[2] === undefined ? undefined : Number(m[2]), column: m[3] === undefined ? undefined : Number(m[3]), severity: m[4], message: m[5] }];
  });
}

const clip = (s, n = 4000) => (s.length > n ? `${s.slice(0, n)}\n… (${s.length} characters)` : s);

/** What is wrong with a run, or undefined when it keeps every property. */
export function problemOf(run, { dir, argv, files }, limitMs) {
  const tail = `\n--- stderr ---\n${clip(run.stderr)}`;
  if (run.timedOut) return `hang: no exit within ${limitMs} ms${tail}`;
  if (run.rejected !== undefined) return `main() rejected: ${run.rejected instanceof Error ? run.rejected.stack : String(run.rejected)}${tail}`;
  if (run.uncaught.length) return `uncaught exception: ${run.uncaught.map((e) => (e instanceof Error ? e.stack : String(e))).join("\n")}${tail}`;
  if (run.code === 3) return `exit 3 (internal error)${tail}`;
  if (run.code !== 0 && run.code !== 1 && run.code !== 2) return `exit code ${String(run.code)}, expected 0, 1 or 2${tail}`;
  if (run.ms > limitMs) return `slow: took ${Math.round(run.ms)} ms, the limit is ${limitMs} ms${tail}`;
  if (STACK.test(run.stderr)) return `a stack trace on stderr${tail}`;
  if (run.code === 2) {
    const errors = diagnosticsOf(run.stderr).filter((d) => d.severity === "error");
    const usage = run.stderr.split("\n").flatMap((l) => USAGE.exec(l)?.[1] ?? []);
    if (errors.length === 0 && usage.length === 0) return `exit 2 without an error line${tail}`;
    const given = [dir, ...argv.filter((a) => isAbsolute(a) || a.startsWith("."))];
    const texts = [...files.values()];
    const names = (f) => resolve(f).startsWith(dir) || given.includes(f) || texts.some((t) => t.includes(f));
    // A usage error that concerns no file at all: nothing to name.
    const fileless = (m) => /^gate needs an inventory/.test(m);
    if (!errors.some((d) => names(d.file)) && !usage.some((m) => fileless(m) || given.some((g) => m.includes(g)))) {
      return `exit 2, but no error names a file of the case${tail}`;
    }
    for (const d of errors) {
      const text = files.get(d.file);
      if (text === undefined) continue;
      if (d.line === undefined) {
        // Only asked when needed: the exact parser takes seconds on 50,000 nested `{`.
        if (parsesAsYaml(text)) return `an error in ${d.file}, which is valid YAML, has no line:column${tail}`;
        continue;
      }
      const lines = text.split(/\r\n|\r|\n/).length;
      if (d.line < 1 || d.line > lines + 1 || d.column < 1) return `an error in ${d.file} points at ${d.line}:${d.column}, outside the file's ${lines} lines${tail}`;
    }
  }
  const format = argv[argv.indexOf("--format") + 1];
  if ((run.code === 0 || run.code === 1) && argv.includes("--format") && !argv.includes("--output")) {
    try {
      if (format === "json" || format === "sarif") JSON.parse(run.stdout);
      if (format === "ndjson") for (const l of run.stdout.split("\n")) if (l.trim()) JSON.parse(l);
    } catch (e) {
      return `--format ${format} wrote output that does not parse as JSON: ${e instanceof Error ? e.message : String(e)}\n--- stdout ---\n${clip(run.stdout, 1000)}${tail}`;
    }
  }
  return undefined;
}

/**
 * Runs one case in a fresh folder under `scratch` (removed afterwards) and returns the exit
 * code, the time, stderr and the problem, if any.
 */
export async function runCase(main, c, scratch, limitMs = 10_000) {
  const m = materialize(c, scratch);
  try {
    // Twice the limit before giving up on the run, so a slow case is told apart from a hang.
    const run = await invoke(main, m.argv, limitMs * 2);
    return { code: run.timedOut ? "hang" : run.code, ms: run.ms, stderr: run.stderr, problem: problemOf(run, m, limitMs) };
  } finally {
    rmSync(m.dir, { recursive: true, force: true });
  }
}
