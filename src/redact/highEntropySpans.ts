import type { SecretSpan } from "./findSecrets.js";

/** Shortest run considered: shorter random strings are too rare to be worth the false alarms. */
const MIN_RUN = 24;
/** Bits per character; English-ish identifiers sit below, random base64 well above. */
const MIN_ENTROPY = 4;
/** Case and digit changes per character: random strings switch often, words and camelCase rarely. */
const MIN_SWITCHES = 0.2;
/** A piece this long between separators, or half as long on average, is what a secret looks like. */
const LONG_SEGMENT = 20;

const UPPER = 1;
const LOWER = 2;
const DIGIT = 3;
const SYMBOL = 4;
const HEX = 8;
const CLASS = new Uint8Array(128);
for (let c = 65; c <= 90; c++) CLASS[c] = UPPER;
for (let c = 97; c <= 122; c++) CLASS[c] = LOWER;
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT | HEX;
for (const c of "ABCDEFabcdef") CLASS[c.charCodeAt(0)]! |= HEX;
for (const c of "+/_-") CLASS[c.charCodeAt(0)] = SYMBOL;

const PERCENT = 37;
/**
 * `%2B`, `%2F`, `%3D`: base64 in a URL is percent-encoded, and an escape must not cut a
 * value into pieces each too short to look random (an Azure SAS `sig=`).
 */
function percentEscape(text: string, at: number): boolean {
  const a = text.charCodeAt(at + 1);
  const b = text.charCodeAt(at + 2);
  return a < 128 && b < 128 && (CLASS[a]! & HEX) !== 0 && (CLASS[b]! & HEX) !== 0;
}

const counts = new Uint32Array(128);

export interface RunStats {
  length: number;
  /** Pieces between the separators `-`, `_` and `/`: names are made of short words, secrets of long random chunks. */
  segments: number;
  longestSegment: number;
  entropy: number;
  switches: number;
  upper: number;
  lower: number;
  digits: number;
  hexOnly: boolean;
}

/** Character statistics of text[start, end), which holds only token characters and percent escapes. */
export function runStats(text: string, start: number, end: number): RunStats {
  let upper = 0;
  let lower = 0;
  let digits = 0;
  let switches = 0;
  let hexOnly = true;
  let prev = 0;
  let segments = 0;
  let longestSegment = 0;
  let segment = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const k = c === PERCENT ? SYMBOL : CLASS[c]!;
    const cls = k & 7;
    if (c === 45 || c === 95 || c === 47) {
      if (segment > 0) segments++;
      segment = 0;
    } else if (++segment > longestSegment) longestSegment = segment;
    if (cls === UPPER) upper++;
    else if (cls === LOWER) lower++;
    else if (cls === DIGIT) digits++;
    if (cls !== SYMBOL) {
      if (prev !== 0 && cls !== prev) switches++;
      prev = cls;
      if ((k & HEX) === 0) hexOnly = false;
    }
    counts[c]!++;
  }
  if (segment > 0) segments++;
  const length = end - start;
  let entropy = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const n = counts[c]!;
    if (n === 0) continue;
    const p = n / length;
    entropy -= p * Math.log2(p);
    counts[c] = 0;
  }
  return { length, segments, longestSegment, entropy, switches: switches / length, upper, lower, digits, hexOnly };
}

/** Whether a run of token characters looks like a random secret rather than a name. */
export function looksRandom(s: RunStats): boolean {
  // Hex (digests, fingerprints, UUIDs, commit ids) identifies rather than authenticates.
  if (s.hexOnly || s.entropy < MIN_ENTROPY || s.switches < MIN_SWITCHES) return false;
  // Paths and compound names (`resourceGroups/rg-prod-01/providers`) mix cases and digits
  // too, but in short pieces; a secret has at least one long unbroken chunk.
  if (s.longestSegment < LONG_SEGMENT && s.length / s.segments < LONG_SEGMENT / 2) return false;
  if (s.upper > 0 && s.lower > 0 && s.digits > 0) return true;
  // One-case alphabets (base32, base36) need more length and a real mix of letters and digits.
  const letters = s.upper + s.lower;
  return s.length >= 32 && (s.upper === 0 || s.lower === 0) && s.digits >= s.length / 4 && letters >= s.length / 4 && s.entropy >= 4.2;
}

/** Long runs of base64/base62-ish characters whose mix and entropy look random. */
export function highEntropySpans(text: string): SecretSpan[] {
  const out: SecretSpan[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 128 || CLASS[c] === 0) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === PERCENT && percentEscape(text, j)) j += 3;
      else if (d >= 128 || CLASS[d] === 0) break;
      else j++;
    }
    if (j - i >= MIN_RUN && looksRandom(runStats(text, i, j))) {
      // Base64 padding belongs to the value.
      let end = j;
      while (end < n && end - j < 2 && text.charCodeAt(end) === 61) end++;
      out.push({ start: i, end, kind: "high-entropy" });
    }
    i = j;
  }
  return out;
}
