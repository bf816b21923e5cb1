// Types of harness.mjs, for the TypeScript tests.
import type { FuzzCase } from "./generators.mjs";

export type Main = (argv: string[]) => Promise<void>;

export interface CaseResult {
  /** The exit code main() set, or "hang" when it did not finish within twice the limit. */
  code: number | string | undefined;
  ms: number;
  stderr: string;
  /** What property the run broke, with its stderr; undefined when it kept them all. */
  problem: string | undefined;
}

export interface Run {
  code: number | string | undefined;
  stdout: string;
  stderr: string;
  ms: number;
  rejected: unknown;
  uncaught: unknown[];
  timedOut: boolean;
}

export interface Materialized {
  dir: string;
  argv: string[];
  /** Absolute path → the text the tool reads from it. */
  files: Map<string, string>;
}

export function makeScratch(prefix?: string): string;
export function removeScratch(dir: string): void;
export function parsesAsYaml(text: string): boolean;
export function invoke(main: Main, argv: string[], timeoutMs: number): Promise<Run>;
export function materialize(c: FuzzCase, scratch: string): Materialized;
export function diagnosticsOf(stderr: string): Array<{ file: string; line?: number; column?: number; severity: string; message: string }>;
export function problemOf(run: Run, m: Materialized, limitMs: number): string | undefined;
export function runCase(main: Main, c: FuzzCase, scratch: string, limitMs?: number): Promise<CaseResult>;
