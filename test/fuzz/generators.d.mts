// Types of generators.mjs, for the TypeScript tests.
import type { Arbitrary } from "fast-check";

/** A file of a case, written under the case's folder; `raw` splices bytes in (invalid UTF-8). */
export interface FuzzFile {
  path: string;
  text: string;
  raw?: { at: number; bytes: number[] };
}

/** Files and a command line whose paths start with $DIR, the case's folder. */
export interface FuzzCase {
  target: string;
  files: FuzzFile[];
  argv: string[];
}

export interface FuzzTarget {
  name: string;
  /** Share of the cases of a long run. */
  weight: number;
  arbitrary: Arbitrary<FuzzCase>;
}

export interface TargetOptions {
  /** Longest huge string, in characters. */
  hugeMax?: number;
  /** Deepest nested value put into data. */
  deepMax?: number;
  /** Deepest nesting written as text. */
  nestMax?: number;
}

export const ROOT: string;
export const NOW: string;
export const API_VERSION: string;
export const FIXTURE_INVENTORY: string;
export const FIXTURE_HEAD: string;
export const FIXTURE_BASE: string;
export const FIXTURE_WAIVERS: string;
export const FIXTURES: Record<"incidents" | "inventories" | "waivers" | "answers" | "rulePack", ReadonlyArray<{ name: string; text: string; data: unknown }>>;
export function makeTargets(options?: TargetOptions): FuzzTarget[];
export function longRunTargets(hugeMax?: number): FuzzTarget[];
export function describeCase(c: FuzzCase, max?: number): string;
export function serialize(data: unknown, style: string): string;
export function mutateData(data: unknown, ops: ReadonlyArray<{ op: string; at: number; n: number; value: unknown; word: string }>): unknown;
export function mutateText(text: string, ops: ReadonlyArray<Record<string, unknown>>): { text: string; raw?: { at: number; bytes: number[] } };
