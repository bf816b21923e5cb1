// `npm run bench`: times the real CLI on generated data. Medians of several runs in one
// process tree, plus the ratio to a bare parse of the same inventory, so noise on a shared
// machine cancels out. Targets are set by a later issue; this reports figures.
import { spawnSync } from "node:child_process";
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir, cpus, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { inventoryYaml, writeIncidents } from "./generate.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const dir = mkdtempSync(join(tmpdir(), "nhi-bench-"));

function timed(args) {
  const script = `const t=performance.now();const m=await import(${JSON.stringify(`${ROOT}dist/cli/main.js`)});process.stdout.write=()=>true;await m.main(${JSON.stringify(args)});process.on("exit",()=>process.stderr.write("\\nBENCH "+(performance.now()-t)+" "+process.resourceUsage().maxRSS+"\\n"));`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", maxBuffer: 1 << 30 });
  const m = /BENCH ([\d.]+) (\d+)/.exec(r.stderr);
  if (!m) throw new Error(`benchmark run failed: ${r.stderr.slice(0, 500)}`);
  return { ms: Number(m[1]), rssMb: Number(m[2]) / 1024, code: r.status };
}

function bareParse(file) {
  const script = `import {parse} from ${JSON.stringify(`${ROOT}node_modules/yaml/dist/index.js`)};import {readFileSync} from "node:fs";const t=performance.now();parse(readFileSync(${JSON.stringify(file)},"utf8"),{maxAliasCount:100});process.stderr.write("BENCH "+(performance.now()-t)+" "+process.resourceUsage().maxRSS+"\\n");`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  const m = /BENCH ([\d.]+) (\d+)/.exec(r.stderr);
  if (!m) throw new Error(r.stderr);
  return { ms: Number(m[1]), rssMb: Number(m[2]) / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const [identities, incidents] of [[1000, 100], [10000, 1000]]) {
  const inv = join(dir, `inventory-${identities}.yaml`);
  writeFileSync(inv, inventoryYaml(identities));
  const incDir = join(dir, `incidents-${incidents}`);
  writeIncidents(incDir, incidents, identities);
  const parse = Array.from({ length: RUNS }, () => bareParse(inv));
  const analyze = Array.from({ length: RUNS }, () => timed(["analyze", incDir, "--inventory", inv, "--format", "json", "--now", "2026-11-23"]));
  const p = median(parse.map((x) => x.ms));
  const a = median(analyze.map((x) => x.ms));
  rows.push({
    case: `analyze ${incidents} incidents / ${identities} identities`,
    inventoryMb: (statSync(inv).size / 1048576).toFixed(1),
    bareParseMs: p.toFixed(0),
    commandMs: a.toFixed(0),
    ratio: (a / p).toFixed(2),
    peakRssMb: Math.max(...analyze.map((x) => x.rssMb)).toFixed(0),
  });
}
// The gate on a whole inventory against itself as base: every entry evaluated twice, nothing new.
for (const identities of [1000, 10000]) {
  const inv = join(dir, `inventory-${identities}.yaml`);
  const parse = Array.from({ length: RUNS }, () => bareParse(inv));
  const gate = Array.from({ length: RUNS }, () => timed(["gate", inv, "--base", inv, "--format", "json", "--now", "2026-11-23"]));
  const p = median(parse.map((x) => x.ms));
  const g = median(gate.map((x) => x.ms));
  rows.push({
    case: `gate ${identities} identities, base = head`,
    inventoryMb: (statSync(inv).size / 1048576).toFixed(1),
    bareParseMs: p.toFixed(0),
    commandMs: g.toFixed(0),
    ratio: (g / p).toFixed(2),
    peakRssMb: Math.max(...gate.map((x) => x.rssMb)).toFixed(0),
  });
}
console.log(`nhi-triage bench: node ${process.version}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, median of ${RUNS} runs`);
console.table(rows);
