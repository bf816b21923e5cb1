// The long fuzz run (`npm run fuzz`): the properties of test/fuzz/*.test.ts over 100,000
// cases by default, on the built CLI (dist/). Each worker thread runs cases in-process
// through main(); a case that does not answer within the time limit is a hang, and its
// worker is replaced. A failure is shrunk by fast-check and printed with the seed and
// path to replay it; the run then goes on, so one known bug does not hide the others.
//
// Environment:
//   FUZZ_RUNS     total cases (default 100000), shared among the targets by weight
//   FUZZ_SEED     seed (default: time-based; printed, so any run can be replayed)
//   FUZZ_WORKERS  parallel workers (default: available cores)
//   FUZZ_TARGETS  comma-separated target names (default: all)
//   FUZZ_MINUTES  stop starting new cases after this many minutes (default: no limit)
//   FUZZ_LIMIT_MS a case slower than this fails (default 10000)
//   FUZZ_HUGE     longest huge string, in characters (default 200000)
import fc from "fast-check";
import { availableParallelism } from "node:os";
import { setTimeout, clearTimeout, setInterval, clearInterval } from "node:timers";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { describeCase, longRunTargets } from "../test/fuzz/generators.mjs";
import { makeScratch, removeScratch, runCase } from "../test/fuzz/harness.mjs";

const env = (name, fallback) => (process.env[name] === undefined || process.env[name] === "" ? fallback : Number(process.env[name]));
const LIMIT_MS = env("FUZZ_LIMIT_MS", 10_000);
const HUGE = env("FUZZ_HUGE", 200_000);


/** One worker at a time, replaced when a case hangs (terminate() stops even a synchronous loop). */
class Lane {
  constructor() {
    this.next = 0;
    this.start();
  }
  start() {
    this.worker = new Worker(new URL(import.meta.url), { workerData: { limitMs: LIMIT_MS } });
    this.worker.unref();
    this.pending = new Map();
    this.worker.on("message", (m) => {
      this.pending.get(m.id)?.(m);
      this.pending.delete(m.id);
    });
    this.worker.on("error", (e) => {
      for (const done of this.pending.values()) done({ code: "crash", ms: 0, problem: `the worker died: ${e instanceof Error ? e.stack : String(e)}` });
      this.pending.clear();
    });
  }
  run(c) {
    const id = this.next++;
    const plain = { target: c.target, files: c.files, argv: c.argv };
    return new Promise((resolve) => {
      // The worker enforces LIMIT_MS itself; past three times that it is stuck in synchronous code.
      const timer = setTimeout(() => {
        this.pending.delete(id);
        void this.worker.terminate();
        this.start();
        resolve({ code: "hang", ms: LIMIT_MS * 3, problem: `hang: no answer within ${LIMIT_MS * 3} ms (the worker was terminated)` });
      }, LIMIT_MS * 3);
      this.pending.set(id, (m) => {
        clearTimeout(timer);
        resolve(m);
      });
      this.worker.postMessage({ id, c: plain });
    });
  }
  async close() {
    await new Promise((resolve) => {
      const id = this.next++;
      const timer = setTimeout(resolve, 5_000);
      this.pending.set(id, () => {
        clearTimeout(timer);
        resolve();
      });
      this.worker.postMessage({ id, c: undefined });
    });
    await this.worker.terminate();
  }
}

/** The kind of failure, for telling bugs apart: the property broken and the first line of the message. */
function signature(problem) {
  const first = problem.split("\n")[0];
  const message = /internal error {2}(.*)/.exec(problem)?.[1] ?? "";
  return `${first.replace(/\d+ ms/g, "N ms").replace(/\/tmp\/\S+/g, "PATH")}${message ? ` | ${message.replace(/"[^"]*"/g, '"…"').slice(0, 120)}` : ""}`;
}

/** Cases per chunk: targets take turns in chunks, so a run cut short by FUZZ_MINUTES still covers every target. */
const CHUNK = 250;

async function fuzzChunk(target, runs, seed, lane, deadline, stats) {
  const known = stats.known;
  // Counted here, not from stats: two lanes may run chunks of one target at once.
  let done = 0;
  let round = 0;
  while (done < runs && Date.now() < deadline) {
    let firstSignature;
    let shrinking = false;
    const property = fc.asyncProperty(target.arbitrary, async (c) => {
      const r = await lane.run(c);
      if (shrinking) stats.shrinks++;
      else {
        done++;
        stats.cases++;
        stats.codes[r.code] = (stats.codes[r.code] ?? 0) + 1;
      }
      if (!r.problem) return;
      const sig = signature(r.problem);
      if (!shrinking) stats.failing[sig] = (stats.failing[sig] ?? 0) + 1;
      // A failure already reported is counted and passed over; a new one is shrunk on its own kind.
      if (known.has(sig) || (firstSignature !== undefined && sig !== firstSignature)) return;
      if (firstSignature === undefined) {
        firstSignature = sig;
        shrinking = true;
      }
      throw new Error(r.problem);
    });
    const details = await fc.check(property, {
      seed: seed + round,
      numRuns: runs - done,
      ...(Number.isFinite(deadline) ? { plugins: [fc.interruptAfterTimeLimit(Math.max(1, deadline - Date.now()))] } : {}),
    });
    round++;
    if (!details.failed || firstSignature === undefined) break;
    known.add(firstSignature);
    stats.counterexamples.push({
      signature: firstSignature,
      seed: details.seed,
      path: details.counterexamplePath,
      shrinks: details.numShrinks,
      example: details.counterexample ? describeCase(details.counterexample[0], 2000) : "",
      error: details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance),
    });
    console.log(`\n[${target.name}] failure (${firstSignature}); replay: node scripts/replay-fuzz.mjs ${target.name} ${details.seed} ${details.counterexamplePath}`);
  }
}

async function runAll() {
  const total = env("FUZZ_RUNS", 100_000);
  const seed = env("FUZZ_SEED", Date.now() % 2 ** 31);
  const workers = Math.max(1, env("FUZZ_WORKERS", availableParallelism()));
  const minutes = env("FUZZ_MINUTES", Infinity);
  const only = process.env.FUZZ_TARGETS ? process.env.FUZZ_TARGETS.split(",") : undefined;
  const targets = longRunTargets(HUGE).filter((t) => !only || only.includes(t.name));
  if (targets.length === 0) throw new Error(`no targets match FUZZ_TARGETS=${process.env.FUZZ_TARGETS}`);
  const weights = targets.reduce((s, t) => s + t.weight, 0);
  const plan = targets.map((t, i) => ({ target: t, runs: Math.floor((total * t.weight) / weights), seed: seed + 100_000 * i }));
  // The rounding remainder goes to the first targets, so the runs add up to the total.
  for (let i = 0, rest = total - plan.reduce((n, p) => n + p.runs, 0); rest > 0; i = (i + 1) % plan.length, rest--) plan[i].runs++;
  const t0 = Date.now();
  const deadline = t0 + minutes * 60_000;
  console.log(`nhi-triage fuzz: ${total} cases over ${targets.length} targets, seed ${seed}, ${workers} workers, ${LIMIT_MS} ms per case${Number.isFinite(minutes) ? `, at most ${minutes} min` : ""}`);

  // Chunks of every target, in turn by share of the plan: each lane takes the next one when free.
  const chunks = plan.flatMap((p) =>
    Array.from({ length: Math.ceil(p.runs / CHUNK) }, (_, k) => ({ p, k, runs: Math.min(CHUNK, p.runs - k * CHUNK), at: (k + 0.5) / Math.ceil(p.runs / CHUNK) })),
  );
  chunks.sort((a, b) => a.at - b.at || a.p.target.name.localeCompare(b.p.target.name));
  const stats = new Map(plan.map((p) => [p.target.name, { cases: 0, shrinks: 0, codes: {}, failing: {}, counterexamples: [], ms: 0, known: new Set() }]));
  const progress = setInterval(() => {
    const done = [...stats.values()].reduce((s, x) => s + x.cases, 0);
    process.stderr.write(`\r${done}/${total} cases, ${Math.round((Date.now() - t0) / 1000)} s`);
  }, 5_000);
  progress.unref();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(workers, chunks.length) }, async () => {
      const lane = new Lane();
      while (next < chunks.length && Date.now() < deadline) {
        const { p, k, runs } = chunks[next++];
        const s = stats.get(p.target.name);
        const start = Date.now();
        // Each chunk its own seed: the printed seed and path replay a failure without the chunks before it.
        await fuzzChunk(p.target, runs, p.seed + 100 * k, lane, deadline, s);
        s.ms += Date.now() - start;
      }
      await lane.close();
    }),
  );
  clearInterval(progress);
  process.stderr.write("\n");
  report(plan, stats, { seed, t0, total });
}

function report(plan, stats, { seed, t0, total }) {
  const codes = ["0", "1", "2", "3", "hang", "crash"];
  const all = {};
  const pad = (s, n) => String(s).padStart(n);
  console.log(`\n${"target".padEnd(18)}${pad("planned", 9)}${pad("cases", 9)}${codes.map((c) => pad(/^\d$/.test(c) ? `exit ${c}` : c, 9)).join("")}${pad("other", 7)}${pad("shrinks", 9)}${pad("lane s", 8)}`);
  for (const p of plan) {
    const s = stats.get(p.target.name);
    const other = Object.entries(s.codes).filter(([c]) => !codes.includes(c)).reduce((n, [, v]) => n + v, 0);
    for (const [c, v] of Object.entries(s.codes)) all[c] = (all[c] ?? 0) + v;
    console.log(`${p.target.name.padEnd(18)}${pad(p.runs, 9)}${pad(s.cases, 9)}${codes.map((c) => pad(s.codes[c] ?? 0, 9)).join("")}${pad(other, 7)}${pad(s.shrinks, 9)}${pad((s.ms / 1000).toFixed(0), 8)}`);
  }
  const cases = [...stats.values()].reduce((n, s) => n + s.cases, 0);
  console.log(`${"total".padEnd(18)}${pad(total, 9)}${pad(cases, 9)}${codes.map((c) => pad(all[c] ?? 0, 9)).join("")}`);
  console.log(`\nexit-code histogram: ${Object.entries(all).sort().map(([c, n]) => `${c}: ${n}`).join(", ")}`);
  console.log(`wall time: ${((Date.now() - t0) / 1000).toFixed(0)} s; seed ${seed} (FUZZ_SEED=${seed} replays this run)`);
  const failures = [...stats.entries()].flatMap(([name, s]) => Object.entries(s.failing).map(([sig, n]) => ({ name, sig, n })));
  if (failures.length === 0) {
    console.log("\nno property failed");
    return;
  }
  console.log(`\n${failures.length} kind(s) of failure:`);
  for (const f of failures) console.log(`  ${f.name}: ${f.n} case(s): ${f.sig}`);
  for (const [name, s] of stats) {
    for (const c of s.counterexamples) {
      console.log(`\n=== ${name}: ${c.signature}\nseed ${c.seed}, path ${c.path}, shrunk ${c.shrinks} times\n${c.example}\n--- error ---\n${c.error.slice(0, 3000)}`);
    }
  }
  process.exitCode = 1;
}

if (!isMainThread) {
  // A worker: runs the cases it is sent through the built CLI's main(), one at a time.
  const { main } = await import("../dist/cli/main.js");
  const scratch = makeScratch();
  let queue = Promise.resolve();
  parentPort.on("message", ({ id, c }) => {
    queue = queue.then(async () => {
      if (c === undefined) {
        removeScratch(scratch);
        parentPort.postMessage({ id, done: true });
        return;
      }
      const r = await runCase(main, c, scratch, workerData.limitMs);
      parentPort.postMessage({ id, code: r.code, ms: r.ms, problem: r.problem });
    });
  });
} else {
  await runAll();
}
