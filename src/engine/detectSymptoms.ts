import { stemmer } from "stemmer";
import type { Symptom } from "../load/schema/rules.js";
import type { SymptomFact } from "./symptomFact.js";
import { compareStrings } from "./compare.js";

type Alternative = { stem: string } | { prefix: string };
interface Detector {
  code: string;
  phrase: string;
  terms: Alternative[][];
  /** Largest distance, in words, between the first and last matched word. */
  span: number;
  /** Words that belong to the phrase itself, so "no retries" can be a phrase without negating itself. */
  ownWords: Set<string>;
}

export interface CompiledDetectors {
  detectors: Detector[];
}

interface Token {
  word: string;
  stem: string;
  start: number;
  end: number;
}

// "nobody" is left out on purpose: "nobody noticed the job retried" still says it retried.
const NEGATIONS = new Set(["no", "not", "never", "without", "none", "nor", "neither", "nothing", "cannot", "lacked", "lacks", "lack"]);
/** Phrases that put a whole clause in doubt: "no sign the key was misused". */
const CLAUSE_NEGATIONS = [["no", "sign"], ["no", "evidence"], ["no", "indication"], ["not", "clear"], ["unconfirmed"]];
const NEGATION_REACH = 4;
const WORD = /[a-z0-9]+(?:'[a-z]+)?/g;
const CLAUSE_BREAK = /[.!?;:,()\n]+|\s(?:but|however|although|though|whereas|while)\s/g;

export function stem(word: string): string {
  return stemmer(word.toLowerCase().replace(/'s$/, ""));
}

function isNegation(word: string): boolean {
  return NEGATIONS.has(word) || word.endsWith("n't");
}

export function compileDetectors(symptoms: readonly Symptom[]): CompiledDetectors {
  const detectors: Detector[] = [];
  for (const s of symptoms) {
    for (const phrase of s.phrases ?? []) {
      // A trailing "~N" widens the window for phrases whose words sit far apart.
      const widen = /\s~(\d+)$/.exec(phrase);
      const words = phrase.replace(/\s~\d+$/, "").toLowerCase().replace(/-/g, " ").split(/\s+/).filter(Boolean);
      const terms = words.map((w) =>
        w.split("|").filter(Boolean).map((alt): Alternative => (alt.endsWith("*") ? { prefix: alt.slice(0, -1) } : { stem: stem(alt) })),
      );
      const ownWords = new Set(words.flatMap((w) => w.split("|").map((a) => a.replace(/\*$/, ""))));
      detectors.push({ code: s.code, phrase, terms, span: widen ? Number(widen[1]) : 2 * terms.length + 2, ownWords });
    }
  }
  return { detectors };
}

function tokenize(text: string, offset: number): Token[] {
  const tokens: Token[] = [];
  for (const m of text.toLowerCase().matchAll(WORD)) {
    tokens.push({ word: m[0], stem: stem(m[0]), start: offset + m.index, end: offset + m.index + m[0].length });
  }
  return tokens;
}

function clauses(text: string): Token[][] {
  const out: Token[][] = [];
  let last = 0;
  for (const m of text.matchAll(CLAUSE_BREAK)) {
    out.push(tokenize(text.slice(last, m.index), last));
    last = m.index + m[0].length;
  }
  out.push(tokenize(text.slice(last), last));
  return out.filter((c) => c.length > 0);
}

function matches(alt: Alternative, t: Token): boolean {
  return "stem" in alt ? t.stem === alt.stem : t.word.startsWith(alt.prefix);
}

/** Positions of one word per term, all within the detector's span, in any order. */
function findMatch(d: Detector, clause: Token[]): number[] | undefined {
  const candidates = d.terms.map((alts) => clause.flatMap((t, i) => (alts.some((a) => matches(a, t)) ? [i] : [])));
  if (candidates.some((c) => c.length === 0)) return undefined;
  // Depth-first over terms: phrases have a handful of words, so this stays tiny.
  const chosen: number[] = [];
  const search = (k: number, lo: number, hi: number): boolean => {
    if (k === candidates.length) return true;
    for (const i of candidates[k]!) {
      const nlo = Math.min(lo, i);
      const nhi = Math.max(hi, i);
      if (nhi - nlo > d.span || chosen.includes(i)) continue;
      chosen.push(i);
      if (search(k + 1, nlo, nhi)) return true;
      chosen.pop();
    }
    return false;
  };
  return search(0, Infinity, -Infinity) ? chosen : undefined;
}

function negated(d: Detector, clause: Token[], positions: number[]): boolean {
  const first = Math.min(...positions);
  const last = Math.max(...positions);
  // A negation just before the phrase, or between its words, governs it.
  for (let i = Math.max(0, first - NEGATION_REACH); i < last; i++) {
    const w = clause[i]!.word;
    if (!positions.includes(i) && isNegation(w) && !d.ownWords.has(w)) return true;
  }
  const words = clause.slice(0, first).map((t) => t.word);
  return CLAUSE_NEGATIONS.some((cue) =>
    words.some((_, i) => cue.every((w, j) => words[i + j] === w) && !cue.every((w) => d.ownWords.has(w))),
  );
}

/**
 * Symptoms found in free text, each with the words that matched. Matching works on word
 * stems in any order within a short window, and skips a phrase that a negation governs.
 */
export function detectSymptoms(text: string, compiled: CompiledDetectors): SymptomFact[] {
  const found = new Map<string, { at: number; terms: number; phrase: string }>();
  const cs = clauses(text);
  for (const d of compiled.detectors) {
    for (const clause of cs) {
      const positions = findMatch(d, clause);
      if (!positions || negated(d, clause, positions)) continue;
      const start = clause[Math.min(...positions)]!.start;
      const end = clause[Math.max(...positions)]!.end;
      const prev = found.get(d.code);
      // The most specific phrase is the best evidence; among equals, the first in the text.
      if (!prev || d.terms.length > prev.terms || (d.terms.length === prev.terms && start < prev.at)) {
        found.set(d.code, { at: start, terms: d.terms.length, phrase: excerpt(text.slice(start, end)) });
      }
      break;
    }
  }
  return [...found.entries()]
    .sort((a, b) => a[1].at - b[1].at || compareStrings(a[0], b[0]))
    .map(([code, m]) => ({ code, source: "description", phrase: m.phrase }));
}

function excerpt(s: string): string {
  const flat = s.replace(/\s+/g, " ");
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}
