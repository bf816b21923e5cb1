import { phraseOf, type PhraseRule, type Symptom } from "../load/schema/rules.js";
import type { DescriptionFact, SymptomFact } from "./symptomFact.js";
import { compareStrings } from "./compare.js";
import { firstMatch, type Meter } from "./firstMatch.js";
import { firstOrderedMatch } from "./firstOrderedMatch.js";
import { pushTo } from "./pushTo.js";
import { MARKER_PATTERN, MARKER_PREFIX } from "../redact/marker.js";
import { redactedKinds } from "../redact/redactedKinds.js";
import { alternatives, ownWords, phraseTerms, type Alternative } from "./text/phraseWords.js";
import { sentences } from "./text/sentences.js";
import type { Sentence } from "./text/sentence.js";
import type { Word } from "./text/word.js";
import { compileContext, type CompiledContext, type ContextData } from "./context/compileContext.js";
import { triggerHits, type Hit } from "./context/triggerHits.js";
import { assertionOf } from "./context/assertionOf.js";
import type { Concept } from "../load/schema/concepts.js";
import { compileFrames, type CompiledFrames } from "./concepts/compileFrames.js";
import { frameMatch, type ConceptsInSentence } from "./concepts/frameMatch.js";
import { findSequences, type SequenceHit } from "./text/sequences.js";

const LEAKED_SECRET = "leaked-secret";

interface Detector {
  code: string;
  phrase: string;
  terms: Alternative[][];
  /** Largest distance, in words, between the first and last matched word. */
  span: number;
  /** Words that belong to the phrase itself, so "no retries" can be a phrase without negating itself. */
  ownWords: Set<string>;
  /** Concept numbers whose presence in the match's clause, outside its words, means another sense. */
  exclude: number[];
  /** Whether the terms must occur in the order written. */
  ordered: boolean;
}

/** The rest of a several-word alternative, after its first word matched. */
interface Continuation {
  term: number;
  rest: string[][];
}

export interface CompiledDetectors {
  detectors: Detector[];
  /** The terms of all detectors are numbered in a row: detector i's begin at firstTerm[i]. */
  firstTerm: number[];
  /** Which detector each term number belongs to. */
  detectorOf: number[];
  /** The terms each word key (a form or a lemma) satisfies, so a clause's words find their detectors without trying all of them. */
  byKey: Map<string, number[]>;
  /** Several-word alternatives by the keys of their first word. */
  byFirstPart: Map<string, Continuation[]>;
  /** The same for `word*` prefixes. */
  byPrefix: Map<string, number[]>;
  longestPrefix: number;
  /** The assertion-context triggers (rules/context.yaml). */
  context: CompiledContext;
  /** The concepts (rules/concepts.yaml) and the symptoms' frames over them. */
  frames: CompiledFrames;
  /** Whether some phrase excludes a concept, so sentences' concepts are needed without frames too. */
  phraseExcludes: boolean;
}

function addTo<T>(table: Map<string, T[]>, key: string, value: T): void {
  const list = table.get(key) ?? [];
  // Two alternatives of one term may name the same key.
  if (list.at(-1) !== value) list.push(value);
  table.set(key, list);
}

export function compileDetectors(symptoms: readonly Symptom[], context: ContextData = { terminators: [], triggers: [] }, concepts: readonly Concept[] = []): CompiledDetectors {
  const detectors: Detector[] = [];
  const conceptNumber = new Map(concepts.map((c, i) => [c.id, i]));
  // A phrase that opens with a negator names an absence ("no checks", "without review"), which
  // only holds in that order: "checks showed no access" is no missing check.
  const negators = new Set(context.triggers.filter((t) => t.category === "negated" && t.direction === "forward").flatMap((t) => t.words.filter((w) => !w.includes(" "))));
  const opensWithNegator = (first: string) => first.split("|").every((w) => negators.has(w.toLowerCase()));
  for (const s of symptoms) {
    for (const entry of s.phrases ?? []) {
      const phrase = phraseOf(entry);
      const rule: Omit<PhraseRule, "phrase"> = typeof entry === "string" ? {} : entry;
      // The pack validator refuses an unknown concept; here it is left out.
      const exclude = (rule.exclude ?? []).flatMap((id) => conceptNumber.get(id) ?? []);
      // A trailing "~N" widens the window for phrases whose words sit far apart.
      const widen = /\s~(\d+)$/.exec(phrase);
      const words = phraseTerms(phrase);
      const terms = words.map(alternatives);
      // The pack validator refuses such phrases; a wordless one would match every clause.
      if (terms.length === 0 || terms.some((t) => t.length === 0)) continue;
      const own = new Set(words.flatMap(ownWords));
      detectors.push({ code: s.code, phrase, terms, span: widen ? Number(widen[1]) : 2 * terms.length + 2, ownWords: own, exclude, ordered: rule.ordered ?? opensWithNegator(words[0]!) });
    }
  }
  const firstTerm: number[] = [];
  const detectorOf: number[] = [];
  const byKey = new Map<string, number[]>();
  const byFirstPart = new Map<string, Continuation[]>();
  const byPrefix = new Map<string, number[]>();
  let longestPrefix = -1;
  detectors.forEach((d, i) => {
    firstTerm.push(detectorOf.length);
    for (const alts of d.terms) {
      const term = detectorOf.length;
      detectorOf.push(i);
      for (const a of alts) {
        if ("prefix" in a) {
          longestPrefix = Math.max(longestPrefix, a.prefix.length);
          addTo(byPrefix, a.prefix, term);
        } else if (a.parts.length === 1) {
          for (const key of a.parts[0]!) addTo(byKey, key, term);
        } else {
          addTo(byKey, a.joined, term);
          for (const key of a.parts[0]!) addTo(byFirstPart, key, { term, rest: a.parts.slice(1) });
        }
      }
    }
  });
  const frames = compileFrames(concepts, symptoms);
  const phraseExcludes = detectors.some((d) => d.exclude.length > 0);
  return { detectors, firstTerm, detectorOf, byKey, byFirstPart, byPrefix, longestPrefix, context: compileContext(context), frames, phraseExcludes };
}

/** The terms a word satisfies on its own, each once, in ascending order. */
function termsOf(word: Word, compiled: CompiledDetectors): number[] {
  const found = new Set(compiled.byKey.get(word.normal));
  for (const term of compiled.byKey.get(word.lemma) ?? []) found.add(term);
  for (let n = 0; n <= Math.min(word.normal.length, compiled.longestPrefix); n++) {
    for (const term of compiled.byPrefix.get(word.normal.slice(0, n)) ?? []) found.add(term);
  }
  return [...found].sort((a, b) => a - b);
}

function meets(word: Word | undefined, keys: readonly string[]): boolean {
  return word !== undefined && (keys.includes(word.normal) || keys.includes(word.lemma));
}

/**
 * The several-word alternatives that start at word i of the clause, as [term, last word].
 * `meter` counts the words compared.
 */
export function runsAt(clause: readonly Word[], i: number, compiled: CompiledDetectors, meter: Meter): Array<[number, number]> {
  const w = clause[i]!;
  const out: Array<[number, number]> = [];
  const seen = new Set<Continuation>();
  for (const key of w.normal === w.lemma ? [w.normal] : [w.normal, w.lemma]) {
    for (const c of compiled.byFirstPart.get(key) ?? []) {
      if (seen.has(c)) continue;
      seen.add(c);
      meter.steps += c.rest.length;
      if (c.rest.every((keys, k) => meets(clause[i + 1 + k], keys))) out.push([c.term, i + c.rest.length]);
    }
  }
  return out;
}

/** Context categories that take a match out of the evidence; advice can only repeat what is asserted elsewhere. */
const NOT_ASSERTED = ["negated", "hypothetical", "advice", "other-party"] as const;

/** Which clause each word of a sentence is in, worked out once per sentence. */
const clausesOfWords = new WeakMap<Sentence, number[]>();

function clauseOfWords(sentence: Sentence): number[] {
  let clauseOf = clausesOfWords.get(sentence);
  if (!clauseOf) {
    const list: number[] = [];
    sentence.clauses.forEach((words, k) => words.forEach((w) => (list[w.at] = k)));
    clausesOfWords.set(sentence, (clauseOf = list));
  }
  return clauseOf;
}

/** Whether matched words are asserted, and whether their sentence states the cause. */
function contextOf(sentence: Sentence, words: readonly Word[], own: ReadonlySet<string>, hits: readonly Hit[], ctx: CompiledContext): { asserted: boolean; cause: boolean } {
  if (!hits.length || !words.length) return { asserted: true, cause: false };
  const a = assertionOf({ words, clauseOf: clauseOfWords(sentence), own }, hits, ctx);
  return { asserted: !NOT_ASSERTED.some((x) => a.has(x)), cause: a.has("cause") };
}

/**
 * Whether a concept the phrase excludes is named in clause `c` outside the matched words
 * (`matched`: first and last word of each, in the sentence): "applied the change again" is
 * a replayed step, not a faulty change. A concept named only by the phrase's own words
 * never counts against it ("without review" may exclude approvals); one that reaches past
 * them does ("re-applied" is a repetition, though "applied" is the phrase's word).
 */
export function otherSense(d: Detector, sentence: Sentence, c: number, hits: readonly SequenceHit[], matched: ReadonlyArray<readonly [number, number]>): boolean {
  if (!d.exclude.length) return false;
  const clauseOf = clauseOfWords(sentence);
  return hits.some((h) => d.exclude.includes(h.owner) && clauseOf[h.start] === c && !matched.some(([a, b]) => a <= h.start && h.end <= b));
}

/** Whether a match at `chosen` of clause `c` is asserted, and whether its sentence states the cause. */
export function matchContext(
  d: Detector,
  sentence: Sentence,
  c: number,
  chosen: readonly number[],
  lastOf: (k: number, p: number) => number,
  hits: readonly Hit[],
  ctx: CompiledContext,
): { asserted: boolean; cause: boolean } {
  const clause = sentence.clauses[c]!;
  return contextOf(sentence, chosen.flatMap((p, k) => clause.slice(p, lastOf(k, p) + 1)), d.ownWords, hits, ctx);
}

/** A sentence with what was found in it, kept for the next one (following-sentence frames). */
interface Read {
  concepts: ConceptsInSentence;
  hits: Hit[];
}

/** The frames that match in this sentence (and the one before), asserted: the first, or a later one stating the cause. */
function matchFrames(text: string, read: Read, before: Read | undefined, compiled: CompiledDetectors, frameAt: Array<Match | undefined>, causal: boolean): void {
  compiled.frames.frames.forEach((f, fi) => {
    if (frameAt[fi] && !(causal && !frameAt[fi]!.cause)) return;
    const m = frameMatch(f, read.concepts, before?.concepts);
    if (!m) return;
    const wordsOf = (r: Read, hs: readonly SequenceHit[]) => hs.flatMap((h) => r.concepts.sentence.words.slice(h.start, h.end + 1));
    const here = wordsOf(read, m.here);
    const earlier = before ? wordsOf(before, m.before) : [];
    const own = new Set([...here, ...earlier].map((w) => w.normal));
    const a = contextOf(read.concepts.sentence, here, own, read.hits, compiled.context);
    const b = before ? contextOf(before.concepts.sentence, earlier, own, before.hits, compiled.context) : { asserted: true, cause: false };
    // The event a frame reads is told where it completes; the sentence before only names
    // what is referred back to, so its being a cause sentence is not this match's.
    const cause = a.cause;
    if (!a.asserted || !b.asserted || (frameAt[fi] && !cause)) return;
    const spans = [...m.before.map((h) => [before!, h] as const), ...m.here.map((h) => [read, h] as const)].map(([r, h]): MatchedWord => {
      const ws = r.concepts.sentence.words;
      return { start: ws[h.start]!.start, end: ws[h.end]!.end, concept: compiled.frames.concepts[h.owner]! };
    });
    spans.sort((x, y) => x.start - y.start);
    const phrase = spans.map((x) => text.slice(x.start, x.end)).join(" ... ");
    const { start, end } = read.concepts.sentence;
    frameAt[fi] = { start: spans[0]!.start, end: spans.at(-1)!.end, cause, frame: { id: f.id, weight: f.weight, phrase }, sentence: { start, end }, words: spans };
  });
}

/** A matched word (or several-word expression) by its place in the text. */
export interface MatchedWord {
  start: number;
  end: number;
  concept?: string;
}

/** The sentences of a text with its redaction markers blanked: a marker's words ("aws access key") are not the writer's. */
export function textSentences(text: string, kinds: readonly string[]): Generator<Sentence> {
  return sentences(kinds.length ? text.replace(MARKER_PATTERN, (m) => " ".repeat(m.length)) : text);
}

/** A detector's or a frame's match: where it is, whether its sentence states the cause, and for a frame which and the words it met. */
export interface Match {
  start: number;
  end: number;
  cause: boolean;
  frame?: { id: string; weight: number; phrase: string };
  /** The sentence the match is in (for a frame over two sentences, the second). */
  sentence: { start: number; end: number };
  /** Every matched word or expression, with the concept it matched for a frame. */
  words: MatchedWord[];
}

/**
 * Symptoms found in free text, each with the words that matched. Matching works on word
 * forms and lemmas in any order within a short window, and skips a match the assertion
 * context (rules/context.yaml) takes out: negated, hypothetical, advice, another party's.
 * Each detector takes the first clause where it matches asserted, and looks on only in
 * sentences that state a cause, whose match weighs more; in a clause,
 * the words index the terms they satisfy, so only detectors with every term present are
 * tried, and firstMatch keeps the work linear in the words (`meter` counts it, for tests).
 */
export function detectSymptoms(text: string, compiled: CompiledDetectors, meter: Meter = { steps: 0 }): SymptomFact[] {
  // A redacted value is the secret itself, pasted: better evidence than any phrase.
  const kinds = redactedKinds(text);
  const { detectors, firstTerm, detectorOf } = compiled;
  const firstAt: Array<Match | undefined> = new Array(detectors.length);
  const wordTerms = new Map<string, number[]>();
  const frameAt: Array<Match | undefined> = new Array(compiled.frames.frames.length);
  let before: Read | undefined;
  for (const sentence of textSentences(text, kinds)) {
    const hits = compiled.context.sequences.length ? triggerHits(sentence.words, compiled.context, meter) : [];
    // A detector already matched looks again only where a sentence states a cause.
    const causal = hits.some((h) => h.owner >= 0 && compiled.context.triggers[h.owner]!.category === "cause");
    const conceptHits = compiled.frames.frames.length || compiled.phraseExcludes ? findSequences(sentence.words, compiled.frames, meter) : [];
    if (compiled.frames.frames.length) {
      const read: Read = { concepts: { sentence, hits: conceptHits, clauseOf: clauseOfWords(sentence) }, hits };
      matchFrames(text, read, before, compiled, frameAt, causal);
      before = read;
    }
    const open = (di: number) => !firstAt[di] || (causal && !firstAt[di]!.cause);
    sentence.clauses.forEach((clause, c) => {
      const positions = new Map<number, number[]>();
      // Where a term's several-word alternative that starts at a word ends, keyed by term and word.
      const reach = new Map<number, number>();
      const at = (term: number, i: number) => term * clause.length + i;
      clause.forEach((word, i) => {
        const cacheKey = `${word.normal} ${word.lemma}`;
        let terms = wordTerms.get(cacheKey);
        if (!terms) wordTerms.set(cacheKey, (terms = termsOf(word, compiled)));
        meter.steps += terms.length + 1;
        const runs = compiled.byFirstPart.size ? runsAt(clause, i, compiled, meter) : [];
        for (const term of runs.length ? [...new Set([...terms, ...runs.map(([t]) => t)])].sort((a, b) => a - b) : terms) {
          if (open(detectorOf[term]!)) pushTo(positions, term, i);
        }
        for (const [term, last] of runs) reach.set(at(term, i), Math.max(reach.get(at(term, i)) ?? i, last));
      });
      const tried = new Set<number>();
      for (const term of positions.keys()) {
        const di = detectorOf[term]!;
        if (tried.has(di)) continue;
        tried.add(di);
        const d = detectors[di]!;
        const candidates = d.terms.map((_, k) => positions.get(firstTerm[di]! + k) ?? []);
        const lastOf = (k: number, p: number) => reach.get(at(firstTerm[di]! + k, p)) ?? p;
        const chosen = d.ordered ? firstOrderedMatch(candidates, d.span, lastOf, meter) : firstMatch(candidates, d.span, meter);
        if (!chosen || otherSense(d, sentence, c, conceptHits, chosen.map((p, k) => [clause[p]!.at, clause[lastOf(k, p)]!.at]))) continue;
        const { asserted, cause } = matchContext(d, sentence, c, chosen, lastOf, hits, compiled.context);
        if (!asserted || (firstAt[di] && !cause)) continue;
        const words = chosen.map((p, k) => ({ start: clause[p]!.start, end: clause[lastOf(k, p)]!.end })).sort((x, y) => x.start - y.start);
        firstAt[di] = { ...span(clause, chosen, lastOf), cause, sentence: { start: sentence.start, end: sentence.end }, words };
      }
    });
  }
  return found(text, kinds, compiled, firstAt, frameAt);
}

/** Where the words at `chosen` begin and end in the text; `lastOf` gives the last word term k's match at p covers. */
export function span(clause: readonly Word[], chosen: readonly number[], lastOf: (k: number, p: number) => number): { start: number; end: number } {
  const first = Math.min(...chosen);
  const last = Math.max(...chosen.map((p, k) => lastOf(k, p)));
  return { start: clause[first]!.start, end: clause[last]!.end };
}

/** Each symptom's best match: one in a sentence stating the cause, then the most specific phrase, among equals the first in the text. */
export function found(text: string, kinds: readonly string[], compiled: CompiledDetectors, firstAt: ReadonlyArray<Match | undefined>, frameAt: ReadonlyArray<Match | undefined> = []): SymptomFact[] {
  const best = new Map<string, { at: number; terms: number; phrase: string; cause: boolean; frame?: { id: string; weight: number }; match?: Match }>();
  const offer = (code: string, terms: number, m: Match) => {
    const prev = best.get(code);
    // A frame's weight says how strongly its match shows the symptom (a phrase's, in full), so the stronger match is the evidence.
    const weight = m.frame?.weight ?? 1;
    const was = prev?.frame?.weight ?? 1;
    const better =
      !prev || (m.cause && !prev.cause) || (m.cause === prev.cause && (weight > was || (weight === was && (terms > prev.terms || (terms === prev.terms && m.start < prev.at)))));
    if (!better) return;
    const phrase = excerpt(m.frame ? m.frame.phrase : text.slice(m.start, m.end));
    best.set(code, { at: m.start, terms, phrase, cause: m.cause, ...(m.frame ? { frame: { id: m.frame.id, weight: m.frame.weight } } : {}), match: m });
  };
  compiled.detectors.forEach((d, di) => {
    const m = firstAt[di];
    if (m) offer(d.code, d.terms.length, m);
  });
  compiled.frames.frames.forEach((f, fi) => {
    const m = frameAt[fi];
    if (m) offer(f.code, f.concepts.length, m);
  });
  if (kinds.length && compiled.detectors.some((d) => d.code === LEAKED_SECRET)) {
    const what = kinds.length === 1 ? `a credential-like value (${kinds[0]})` : `credential-like values (${kinds.join(", ")})`;
    best.set(LEAKED_SECRET, { at: text.indexOf(MARKER_PREFIX), terms: Infinity, phrase: `${what} in the incident text, redacted`, cause: false });
  }
  return [...best.entries()]
    .sort((a, b) => a[1].at - b[1].at || compareStrings(a[0], b[0]))
    .map(([code, m]): SymptomFact => ({
      code,
      source: "description",
      phrase: m.phrase,
      ...(m.match ? located(text, m.match) : {}),
      ...(m.cause ? { cause: true as const } : {}),
      ...(m.frame ? { frame: m.frame.id, weight: m.frame.weight } : {}),
    }));
}

/** Where a match is: its sentence and words, with their text, as the fact carries them. */
function located(text: string, m: Match): Pick<DescriptionFact, "sentence" | "matches"> {
  const piece = (x: { start: number; end: number }) => ({ start: x.start, end: x.end, text: text.slice(x.start, x.end) });
  return { sentence: piece(m.sentence), matches: m.words.map((w) => ({ ...piece(w), ...(w.concept ? { concept: w.concept } : {}) })) };
}

function excerpt(s: string): string {
  const flat = s.replace(/\s+/g, " ");
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}
