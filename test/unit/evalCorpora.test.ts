import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadSentenceSet } from "../../src/eval/loadSentenceSet.js";
import { readExpectation } from "../../src/eval/readExpectation.js";
import { HARD_NEGATIVE_KINDS } from "../../src/eval/sentenceSet.js";
import { loadIncident } from "../../src/load/loadIncident.js";
import { builtinPack, ROOT } from "../helpers.js";

// The eval's own data holds to what docs/evaluation.md promises, so a later edit that drops
// a symptom's positives or a retelling's source cannot pass unnoticed.
const SENTENCES = `${ROOT}fixtures/sentences`;
const PUBLIC = `${ROOT}fixtures/public-incidents`;

describe("the labelled sentence set", async () => {
  const pack = await builtinPack();
  const sentences = readdirSync(SENTENCES)
    .filter((f) => f.endsWith(".yaml"))
    .flatMap((f) => loadSentenceSet(f, readFileSync(`${SENTENCES}/${f}`, "utf8"), pack).sentences);

  it("has at least 250 sentences, none twice", () => {
    expect(sentences.length).toBeGreaterThanOrEqual(250);
    expect(new Set(sentences.map((s) => s.text)).size).toBe(sentences.length);
  });

  it("has at least five positives for every symptom in the pack", () => {
    const thin = [...pack.symptoms.keys()].filter((code) => sentences.filter((s) => s.shows.includes(code)).length < 5);
    expect(thin).toEqual([]);
  });

  it("has at least ten hard negatives of every kind, and a hard negative never shows what it tempts toward", () => {
    for (const kind of HARD_NEGATIVE_KINDS) expect(sentences.filter((s) => s.hard?.kind === kind).length, kind).toBeGreaterThanOrEqual(10);
    expect(sentences.filter((s) => s.hard?.not.some((code) => s.shows.includes(code))).map((s) => s.text)).toEqual([]);
  });
});

describe("the public-incident retellings", async () => {
  const pack = await builtinPack();
  const files = readdirSync(PUBLIC).filter((f) => f.endsWith(".yaml")).sort();

  it("are at least 42, each with its postmortem, root cause and answer, 120 to 200 words, no symptom codes", () => {
    expect(files.length).toBeGreaterThanOrEqual(42);
    const ids = new Set<string>();
    for (const f of files) {
      const text = readFileSync(`${PUBLIC}/${f}`, "utf8");
      expect(text, f).toMatch(/^# Postmortem: https?:\/\/\S+$/m);
      expect(text, f).toMatch(/^# Root cause per its postmortem: \S/m);
      readExpectation(f, text);
      const { incident } = loadIncident(f, text, pack);
      expect(incident.symptoms, f).toBeUndefined();
      expect(incident.affected, f).toBeUndefined();
      const words = incident.description!.split(/\s+/).filter(Boolean).length;
      expect(words, f).toBeGreaterThanOrEqual(120);
      expect(words, f).toBeLessThanOrEqual(200);
      expect(ids.has(incident.id), f).toBe(false);
      ids.add(incident.id);
    }
  });
});
