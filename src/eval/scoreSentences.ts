import { compareStrings } from "../engine/compare.js";
import { HARD_NEGATIVE_KINDS, type HardNegativeKind, type LabelledSentence } from "./sentenceSet.js";
import type { Ratio } from "./scoreCorpus.js";

/** A labelled sentence and the symptom codes the tool detected in it. */
export interface SentenceResult {
  label: LabelledSentence;
  detected: readonly string[];
}

export interface SymptomScore {
  code: string;
  /** Labelled sentences that show it. */
  positives: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Undefined when the tool never reported the symptom. */
  precision: number | undefined;
  /** Undefined when no sentence shows the symptom. */
  recall: number | undefined;
}

export interface SentenceScore {
  sentences: number;
  symptoms: SymptomScore[];
  /** Over every symptom at once. */
  micro: { precision: number | undefined; recall: number | undefined };
  /** A hard negative is right when none of the symptoms it tempts toward is detected. */
  hardNegatives: Array<{ kind: HardNegativeKind } & Ratio>;
}

export function scoreSentences(results: readonly SentenceResult[]): SentenceScore {
  const by = new Map<string, { positives: number; tp: number; fp: number; fn: number }>();
  const at = (code: string) => {
    let c = by.get(code);
    if (!c) by.set(code, (c = { positives: 0, tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  const hard = new Map<HardNegativeKind, Ratio>(HARD_NEGATIVE_KINDS.map((k) => [k, { hits: 0, of: 0 }]));
  for (const { label, detected } of results) {
    const shows = new Set(label.shows);
    const found = new Set(detected);
    for (const code of shows) {
      const c = at(code);
      c.positives++;
      if (found.has(code)) c.tp++;
      else c.fn++;
    }
    for (const code of found) if (!shows.has(code)) at(code).fp++;
    if (label.hard) {
      const r = hard.get(label.hard.kind)!;
      r.of++;
      if (!label.hard.not.some((code) => found.has(code))) r.hits++;
    }
  }
  const symptoms = [...by.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([code, c]) => ({
      code,
      positives: c.positives,
      truePositives: c.tp,
      falsePositives: c.fp,
      falseNegatives: c.fn,
      precision: fraction(c.tp, c.tp + c.fp),
      recall: fraction(c.tp, c.tp + c.fn),
    }));
  const sum = (f: (s: SymptomScore) => number) => symptoms.reduce((n, s) => n + f(s), 0);
  const tp = sum((s) => s.truePositives);
  return {
    sentences: results.length,
    symptoms,
    micro: { precision: fraction(tp, tp + sum((s) => s.falsePositives)), recall: fraction(tp, tp + sum((s) => s.falseNegatives)) },
    hardNegatives: HARD_NEGATIVE_KINDS.map((kind) => ({ kind, ...hard.get(kind)! })),
  };
}

function fraction(n: number, d: number): number | undefined {
  return d === 0 ? undefined : n / d;
}
