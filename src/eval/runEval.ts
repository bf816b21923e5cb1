import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compareStrings } from "../engine/compare.js";
import { triage } from "../engine/triage.js";
import type { Triage } from "../engine/types.js";
import { InputError, type Diagnostic } from "../load/diagnostic.js";
import { loadIncident } from "../load/loadIncident.js";
import { loadInventory, type InventoryIndex } from "../load/loadInventory.js";
import type { RulePack } from "../load/rulePack.js";
import { API_VERSION } from "../load/schema/common.js";
import { loadSentenceSet } from "./loadSentenceSet.js";
import { hasExpectation, readExpectation } from "./readExpectation.js";
import { scoreCorpus, type CaseResult, type CorpusScore } from "./scoreCorpus.js";
import { scoreSentences, type SentenceResult, type SentenceScore } from "./scoreSentences.js";

export interface EvalReport {
  corpora: Array<{ name: string; score: CorpusScore }>;
  total: CorpusScore;
  sentences: SentenceScore | undefined;
}

/** The folder of labelled sentences inside the fixtures folder. */
export const SENTENCES_DIR = "sentences";

/**
 * Scores every corpus under `fixturesDir` (each folder whose files carry an expected answer
 * in their header) and the labelled sentences in its `sentences/` folder. Every malformed
 * file is reported at once, as one InputError.
 */
export function runEval(fixturesDir: string, pack: RulePack, now: number): EvalReport {
  const problems: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const attempt = <T>(f: () => T): T | undefined => {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(...e.diagnostics);
      for (const [k, v] of e.sources) sources.set(k, v);
      return undefined;
    }
  };
  const inventoryFile = join(fixturesDir, "inventory.yaml");
  let inventory: InventoryIndex | undefined;
  const fixtureInventory = () => (inventory ??= loadInventory(inventoryFile, readFileSync(inventoryFile, "utf8")));

  const corpora: EvalReport["corpora"] = [];
  const all: CaseResult[] = [];
  for (const name of folders(fixturesDir)) {
    const dir = join(fixturesDir, name);
    const files = yamlFiles(dir).map((f) => ({ file: join(dir, f), text: readFileSync(join(dir, f), "utf8") }));
    if (!files.some((f) => hasExpectation(f.text))) continue;
    const results: CaseResult[] = [];
    for (const { file, text } of files) {
      const r = attempt(() => {
        const expected = readExpectation(file, text);
        // The authored fixtures name inventory ids, and their test reads them with the inventory.
        const inv = expected.style === "fixture" && existsSync(inventoryFile) ? fixtureInventory() : undefined;
        const t = triage(loadIncident(file, text, pack, inv).incident, pack, inv, { now, file });
        return { expected, got: t.decision.decision, contained: t.contain.length > 0, opensOn: opensOn(t) };
      });
      if (r) results.push(r);
    }
    corpora.push({ name, score: scoreCorpus(results) });
    all.push(...results);
  }

  const sentenceDir = join(fixturesDir, SENTENCES_DIR);
  const labelled: SentenceResult[] = [];
  for (const f of existsSync(sentenceDir) ? yamlFiles(sentenceDir) : []) {
    const file = join(sentenceDir, f);
    const set = attempt(() => loadSentenceSet(file, readFileSync(file, "utf8"), pack));
    for (const [i, label] of (set?.sentences ?? []).entries()) {
      const incident = { apiVersion: API_VERSION, kind: "Incident" as const, id: `${f}#${i + 1}`, description: label.text };
      const t = triage(incident, pack, undefined, { now });
      labelled.push({ label, detected: t.symptoms.filter((s) => s.source !== "declared").map((s) => s.code) });
    }
  }
  if (problems.length) throw new InputError(problems, sources);
  return { corpora, total: scoreCorpus(all), sentences: labelled.length ? scoreSentences(labelled) : undefined };
}

function opensOn(t: Triage): CaseResult["opensOn"] {
  return t.plan.find((s) => s.layer !== "containment")?.layer;
}

function folders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort(compareStrings);
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort(compareStrings);
}
