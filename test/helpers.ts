import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished } from "vitest";
import { fileURLToPath } from "node:url";
import { loadDocument } from "../src/load/loadDocument.js";
import { loadRulePack } from "../src/load/loadRulePack.js";
import type { RulePack } from "../src/load/rulePack.js";
import { SymptomsFile } from "../src/load/schema/rules.js";

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

/** A temporary folder removed when the current test finishes, so runs leave nothing behind. */
export function tempDir(prefix = "nhi-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
