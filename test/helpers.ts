import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { onTestFinished } from "vitest";
import { fileURLToPath } from "node:url";
import { InputError } from "../src/load/diagnostic.js";
import { loadDocument } from "../src/load/loadDocument.js";
import { loadRulePack } from "../src/load/loadRulePack.js";
import type { RulePack } from "../src/load/rulePack.js";
import { SymptomsFile } from "../src/load/schema/rules.js";
import { ContextFile } from "../src/load/schema/context.js";
import { ConceptsFile } from "../src/load/schema/concepts.js";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const RULES_DIR = `${ROOT}rules`;
/** Fixed so ages in fixtures do not drift with the calendar. */
export const NOW = Date.parse("2026-11-23");

let pack: Promise<RulePack> | undefined;
export function builtinPack(): Promise<RulePack> {
  pack ??= loadRulePack([RULES_DIR]);
  return pack;
}

export function builtinSymptoms() {
  const file = `${RULES_DIR}/symptoms.yaml`;
  return loadDocument(file, readFileSync(file, "utf8"), SymptomsFile, "Symptoms").value.symptoms;
}

/** The built-in assertion context (rules/context.yaml), as compileDetectors takes it. */
export function builtinContext() {
  const file = `${RULES_DIR}/context.yaml`;
  const { triggers, terminators } = loadDocument(file, readFileSync(file, "utf8"), ContextFile, "Context").value;
  return { triggers, terminators: terminators ?? [] };
}

/** The built-in concepts (rules/concepts.yaml). */
export function builtinConcepts() {
  const file = `${RULES_DIR}/concepts.yaml`;
  return loadDocument(file, readFileSync(file, "utf8"), ConceptsFile, "Concepts").value.concepts;
}

/** A temporary folder removed when the current test finishes, so runs leave nothing behind. */
export function tempDir(prefix = "nhi-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Loads the built-in pack plus an extra pack made of `files` (path inside the pack → text)
 * and returns its problems as "line message", or [] when it loads.
 */
export async function extraPackProblems(files: Record<string, string>): Promise<string[]> {
  const dir = tempDir("pack-");
  mkdirSync(join(dir, "rules"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  try {
    await loadRulePack([RULES_DIR, dir]);
    return [];
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return e.diagnostics.map((d) => `${d.line} ${d.message}`);
  }
}

/** The `line:column message` of each diagnostic a loader throws; none when it loads. */
export function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
    throw e;
  }
  return [];
}
