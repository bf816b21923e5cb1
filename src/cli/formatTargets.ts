import { resolve } from "node:path";
import { UsageError } from "../load/diagnostic.js";

/** One report of a run: its format, and the file it goes to (undefined: stdout). */
export interface FormatTarget<F extends string> {
  format: F;
  file: string | undefined;
  /** How messages about its file name the option: `--output`, or `--format NAME` for NAME=FILE. */
  flag: string;
}

/** Collects a repeated `--format` for commander. */
export function collectFormat(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * The reports a run writes, from `--format NAME[=FILE]` given any number of times: each
 * NAME=FILE to its file, and the one bare NAME (or the default) to --output, else stdout.
 * Refused, before anything is read: an unknown name, two reports to stdout (they would
 * interleave), two to the same file (the second would replace the first), and an --output
 * no report is left to write to. `NAME=-` is stdout, as `--output -` is.
 */
export function formatTargets<F extends string>(specs: readonly string[], choices: readonly F[], output: string | undefined, fallback: F): FormatTarget<F>[] {
  const main = output === "-" ? undefined : output;
  const parsed = (specs.length ? specs : [fallback]).map((spec) => parseSpec(spec, choices, main));
  const toStdout = parsed.filter((p) => p.target.file === undefined);
  if (toStdout.length > 1) {
    throw new UsageError(`${toStdout[0]!.label} and ${toStdout[1]!.label} would both write to stdout: give all but one a file (--format NAME=FILE)`);
  }
  if (main !== undefined && !parsed.some((p) => p.bare)) {
    throw new UsageError(`--output ${main}: every --format has its own =FILE, so none is left to write there; drop --output or give one --format without =FILE`);
  }
  const byFile = new Map<string, string>();
  for (const p of parsed) {
    if (p.target.file === undefined) continue;
    const key = resolve(p.target.file);
    const other = byFile.get(key);
    if (other !== undefined) throw new UsageError(`${other} and ${p.label} both write to ${p.target.file}: give each report its own file`);
    byFile.set(key, p.label);
  }
  return parsed.map((p) => p.target);
}

interface Parsed<F extends string> {
  target: FormatTarget<F>;
  /** Given without =FILE: goes to --output, else stdout. */
  bare: boolean;
  /** How the command line named it, for messages. */
  label: string;
}

function parseSpec<F extends string>(spec: string, choices: readonly F[], output: string | undefined): Parsed<F> {
  const eq = spec.indexOf("=");
  const name = eq < 0 ? spec : spec.slice(0, eq);
  if (!(choices as readonly string[]).includes(name)) {
    throw new UsageError(`--format ${name}: unknown format; expected one of ${choices.join(", ")}, each optionally with =FILE (--format sarif=nhi.sarif)`);
  }
  const format = name as F;
  if (eq < 0) {
    return { target: { format, file: output, flag: "--output" }, bare: true, label: output === undefined ? `--format ${name}` : `--format ${name} with --output ${output}` };
  }
  const file = spec.slice(eq + 1);
  if (file === "") throw new UsageError(`--format ${spec}: expected a file after the =, e.g. --format ${name}=report.${name}`);
  return { target: { format, file: file === "-" ? undefined : file, flag: `--format ${name}` }, bare: false, label: `--format ${spec}` };
}
