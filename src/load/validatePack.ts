import { alternatives as termAlternatives, phraseTerms, type Alternative } from "../engine/text/phraseWords.js";
import { ENTITIES_BY_SUBJECT, FACT_NAMES, factDef } from "../engine/factCatalog.js";
import { mayBeUnknown } from "../engine/mayBeUnknown.js";
import { didYouMean } from "./closest.js";
import { diagnostic, type Diagnostic } from "./diagnostic.js";
import { PACK_LIMITS, type CatalogEntry, type Origin } from "./rulePack.js";
import { severityRank } from "./schema/common.js";
import { comparesEntries, OPERATORS, type ChangeRule, type InventoryChangeRule, type Condition, type Control, type FactTest, phraseOf, type Rule, type Symptom } from "./schema/rules.js";
import type { Path, SourceDoc } from "./sourceDoc.js";

export interface Located<T> {
  value: T;
  doc: SourceDoc;
  path: Path;
}

export interface PackParts {
  symptoms: Located<Symptom>[];
  rules: Located<Rule>[];
  changes: Located<ChangeRule>[];
  controls: Located<Control>[];
  catalog: ReadonlyMap<string, CatalogEntry>;
  crosswalk: ReadonlyMap<string, readonly string[]>;
  domain: ReadonlyArray<{ key: string }>;
}

/** Plan steps always carry these three; a control without them cannot be cited. */
const REQUIRED_GROUPS = [
  ["owaspNhi", "an OWASP NHI Top 10 reference"],
  ["nistCsf", "a NIST CSF 2.0 reference"],
  ["maestro", "a CSA MAESTRO reference"],
] as const;

/** Cross-reference checks, after every file has passed its schema. */
export function validatePack(p: PackParts): { diagnostics: Diagnostic[]; origins: Map<string, Origin> } {
  const out: Diagnostic[] = [];
  const origins = new Map<string, Origin>();
  const at = (l: Located<unknown>, sub: Path = []) => ({ file: l.doc.file, pos: l.doc.locate([...l.path, ...sub]) });
  const err = (l: Located<unknown>, sub: Path, message: string) => {
    const { file, pos } = at(l, sub);
    out.push(diagnostic(file, pos, message));
  };
  const unique = <T>(items: Located<T>[], idOf: (v: T) => string, what: string) => {
    for (const item of items) {
      const id = idOf(item.value);
      const prev = origins.get(id);
      const { file, pos } = at(item);
      if (prev) err(item, [], `${what} "${id}" is already defined at ${prev.file}:${prev.line}`);
      else origins.set(id, { file, line: pos?.line ?? 0, column: pos?.column ?? 0 });
    }
  };
  unique(p.symptoms, (s) => s.code, "symptom");
  unique(p.controls, (c) => c.id, "control");
  unique(p.rules, (r) => r.id, "rule");
  unique(p.changes, (r) => r.id, "rule");

  const symptomCodes = new Set(p.symptoms.map((s) => s.value.code));
  for (const s of p.symptoms) checkPhrases(s, err);
  for (const s of p.symptoms) {
    (s.value.aliases ?? []).forEach((a, i) => {
      if (symptomCodes.has(a)) err(s, ["aliases", i], `alias "${a}" is already a symptom code`);
    });
  }
  const controlIds = new Map(p.controls.map((c) => [c.value.id, c.value]));
  const domainKeys = new Set(p.domain.map((d) => d.key));

  const checkRefs = (l: Located<unknown>, refs: readonly string[]) =>
    refs.forEach((ref, i) => {
      if (p.catalog.has(ref)) return;
      const successor = p.crosswalk.get(ref) ?? p.crosswalk.get(ref.replace(/-0(\d)$/, "-$1"));
      const hint = successor?.length
        ? `; ${ref} is a NIST CSF 1.1 id, its CSF 2.0 successor is ${successor.join(", ")}`
        : didYouMean(ref, p.catalog.keys());
      err(l, ["refs", i], `unknown framework reference "${ref}"${hint}`);
    });

  for (const c of p.controls) {
    checkRefs(c, c.value.refs);
    for (const [group, what] of REQUIRED_GROUPS) {
      if (!c.value.refs.some((r) => p.catalog.get(r)?.group === group)) err(c, ["refs"], `control ${c.value.id} needs ${what}`);
    }
    (c.value.requires ?? []).forEach((req, i) => {
      if (!controlIds.has(req)) err(c, ["requires", i], `unknown control "${req}"${didYouMean(req, controlIds.keys())}`);
    });
  }
  out.push(...prerequisiteCycles(p.controls, controlIds));

  for (const r of p.rules) {
    checkRefs(r, r.value.refs);
    r.value.controls.forEach((id, i) => {
      if (!controlIds.has(id)) err(r, ["controls", i], `unknown control "${id}"${didYouMean(id, controlIds.keys())}`);
    });
    (r.value.encodes ?? []).forEach((key, i) => {
      if (!domainKeys.has(key)) err(r, ["encodes", i], `unknown domain reasoning key "${key}"${didYouMean(key, domainKeys)}`);
    });
    checkConditionBounds(r, err);
    checkCondition(r.value.when, ["when"], r, symptomCodes, err);
    if (r.value.scope === "inventory") checkInventoryScope(r, err);
    checkUnknown(r, err);
  }
  for (const c of p.changes) {
    checkRefs(c, c.value.refs);
    c.value.controls.forEach((id, i) => {
      if (!controlIds.has(id)) err(c, ["controls", i], `unknown control "${id}"${didYouMean(id, controlIds.keys())}`);
    });
    const entries = entryChange(c);
    if (!entries) continue;
    checkChange(entries, err);
    if (entries.value.when) {
      checkConditionBounds(entries, err);
      checkCondition(entries.value.when, ["when"], entries, symptomCodes, err);
      checkInventoryScope(entries, err);
    }
  }
  return { diagnostics: out, origins };
}

type Err = (l: Located<unknown>, sub: Path, message: string) => void;

/** A rule either fires as unknown or says why unknown is safe, not both; unknown is never graver than known. */
function checkUnknown(r: Located<Rule>, err: Err): void {
  const { whenUnknown, unknownSafe, severity, id, when } = r.value;
  if ((whenUnknown || unknownSafe !== undefined) && !mayBeUnknown(when, r.value.subject)) {
    err(r, [whenUnknown ? "whenUnknown" : "unknownSafe"], `rule ${id} says what it does when a fact is unknown, but its condition is always decided (it tests no fact that an unrecorded value leaves open)`);
  }
  if (whenUnknown && unknownSafe !== undefined) err(r, ["unknownSafe"], `rule ${id} has both whenUnknown and unknownSafe: say either what it reports when a fact is unknown, or why unknown is safe`);
  if (whenUnknown?.severity !== undefined && severityRank(whenUnknown.severity) > severityRank(severity)) {
    err(r, ["whenUnknown", "severity"], `whenUnknown severity ${whenUnknown.severity} is graver than the rule's own ${severity}: a fact that is not recorded cannot weigh more than one that is`);
  }
}

/** A change rule on inventory entries, which has a fact to check; undefined for one on the gate's settings. */
const entryChange = (c: Located<ChangeRule>): Located<InventoryChangeRule> | undefined => (comparesEntries(c.value) ? { ...c, value: c.value } : undefined);

/** A change rule compares one fact; its kind must suit the fact's type. */
function checkChange(c: Located<InventoryChangeRule>, err: Err): void {
  const { fact, change, scale, subject } = c.value;
  const def = factDef(fact);
  if (!def) return err(c, ["fact"], `unknown fact "${fact}"${didYouMean(fact, FACT_NAMES)}`);
  if (def.entity === "incident") return err(c, ["fact"], `${fact} describes an incident; a change rule compares inventory entries`);
  if (!(ENTITIES_BY_SUBJECT[subject] as readonly string[]).includes(def.entity)) {
    err(c, ["fact"], `fact "${fact}" describes a ${def.entity}, which a rule on subject "${subject}" cannot see`);
  }
  const fits = { gains: def.type === "list", removed: true, increases: def.type === "number", weakens: def.type === "string" }[change];
  if (!fits) err(c, ["change"], `"${change}" does not suit ${fact}, which is a ${def.type}`);
  if (change === "weakens" && !scale) err(c, ["change"], `"weakens" needs a scale: the values of ${fact} from strongest to weakest`);
  if (change !== "weakens" && scale) err(c, ["scale"], `a scale only applies to "weakens"`);
  scale?.forEach((step, i) => {
    for (const v of Array.isArray(step) ? step : [step]) {
      if (def.values && !def.values.includes(v)) err(c, ["scale", i], `${fact} is one of ${def.values.join(" | ")}; "${v}" can never match${didYouMean(v, def.values)}`);
    }
  });
}

/** A condition's nesting and size stay within the pack limits, reported at the first place past them. */
function checkConditionBounds(rule: Located<{ when?: Condition }>, err: Err): void {
  if (!rule.value.when) return;
  let size = 0;
  let deepest: { depth: number; path: Path } = { depth: 0, path: ["when"] };
  let sizeAt: Path | undefined;
  let deepAt: Path | undefined;
  // Without recursion: the bound is what is being checked.
  const stack: Array<{ c: Condition; path: Path; depth: number }> = [{ c: rule.value.when, path: ["when"], depth: 1 }];
  while (stack.length) {
    const { c, path, depth } = stack.pop()!;
    if (++size > PACK_LIMITS.conditionSize && !sizeAt) sizeAt = path;
    if (depth > deepest.depth) deepest = { depth, path };
    if (depth > PACK_LIMITS.conditionDepth && !deepAt && !("fact" in c || "symptom" in c)) deepAt = path;
    const kids: Array<[Condition, Path]> =
      "all" in c ? c.all.map((s, i) => [s, [...path, "all", i]]) : "any" in c ? c.any.map((s, i) => [s, [...path, "any", i]]) : "not" in c ? [[c.not, [...path, "not"]]] : [];
    // all/any/not are levels; the tests inside the innermost one are not.
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ c: kids[i]![0], path: kids[i]![1], depth: "fact" in kids[i]![0] || "symptom" in kids[i]![0] ? depth : depth + 1 });
  }
  if (deepAt) err(rule, deepAt, `the condition nests all/any/not ${deepest.depth} levels deep; the limit is ${PACK_LIMITS.conditionDepth}`);
  if (sizeAt) err(rule, sizeAt, `the condition has ${size} parts (tests and all/any/not); the limit is ${PACK_LIMITS.conditionSize}`);
}

/**
 * Phrases are word lists matched by trying their words' positions in combination, so
 * their number, length, words, alternatives and window are bounded, and a prefix needs a
 * few letters (`*` alone matches every word).
 */
function checkPhrases(s: Located<Symptom>, err: Err): void {
  const phrases = s.value.phrases ?? [];
  if (phrases.length > PACK_LIMITS.phrasesPerSymptom) {
    err(s, ["phrases", PACK_LIMITS.phrasesPerSymptom], `symptom ${s.value.code} has ${phrases.length} phrases; the limit is ${PACK_LIMITS.phrasesPerSymptom}`);
  }
  phrases.slice(0, PACK_LIMITS.phrasesPerSymptom).forEach((entry, i) => {
    const phrase = phraseOf(entry);
    const at: Path = typeof entry === "string" ? ["phrases", i] : ["phrases", i, "phrase"];
    if (phrase.length > PACK_LIMITS.phraseLength) return err(s, at, `a phrase of ${phrase.length} characters; the limit is ${PACK_LIMITS.phraseLength}`);
    const widen = /\s~(\d+)$/.exec(phrase);
    if (widen && Number(widen[1]) > PACK_LIMITS.phraseWindow) err(s, at, `a window of ~${widen[1]} words; the limit is ~${PACK_LIMITS.phraseWindow}`);
    const words = phraseTerms(phrase);
    if (words.length > PACK_LIMITS.phraseWords) err(s, at, `a phrase of ${words.length} words; the limit is ${PACK_LIMITS.phraseWords}`);
    // Tickets are read as words of letters and digits; a phrase with none would match every clause.
    if (!words.some((w) => /[a-z0-9]/.test(w))) return err(s, at, `the phrase "${phrase.slice(0, 40)}" has no words; a phrase is words of letters and digits`);
    for (const word of words) {
      const alternatives = word.split("|").filter(Boolean);
      const foreign = alternatives.find((a) => !PHRASE_WORD.test(a.toLowerCase()));
      if (foreign !== undefined || alternatives.length === 0) {
        err(s, at, `"${(foreign ?? word).slice(0, 40)}" can never match a word of a ticket; write letters a-z and digits, with | between alternatives, - between the words of a several-word alternative and * after a prefix`);
      }
      if (alternatives.length > PACK_LIMITS.phraseAlternatives) {
        err(s, at, `"${word.slice(0, 40)}${word.length > 40 ? "..." : ""}" has ${alternatives.length} alternatives; the limit is ${PACK_LIMITS.phraseAlternatives}`);
      }
      const short = alternatives.find((a) => a.endsWith("*") && a.length - 1 < PACK_LIMITS.prefixLetters);
      if (short !== undefined) err(s, at, `the prefix "${short}" needs at least ${PACK_LIMITS.prefixLetters} letters before the *: a shorter one matches nearly every word`);
    }
    if (words.length <= PACK_LIMITS.phraseWords) {
      const crowd = sameWordTerms(words);
      if (crowd) err(s, at, `words ${crowd.map((i) => i + 1).join(", ")} of the phrase can all match the same word; at most two may, since matching tries every order of such words`);
    }
  });
}

/** What the ticket reader calls a word, with an optional * for a prefix; hyphens join the words of one alternative. */
const PHRASE_WORD = /^(?:[a-z0-9]+(?:'[a-z]+)?(?:-[a-z0-9]+(?:'[a-z]+)?)*\*?|\*)$/;

/** The word keys an alternative can match a single word by (a several-word one: its first word, or all written as one). */
function keysOf(a: Exclude<Alternative, { prefix: string }>): string[] {
  return a.parts.length === 1 ? a.parts[0]! : [...a.parts[0]!, a.joined];
}

/** Whether some word can match both alternatives (a word is read as a prefix of its words). */
function overlap(a: Alternative, b: Alternative): boolean {
  if ("prefix" in a && "prefix" in b) return a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix);
  if ("prefix" in a || "prefix" in b) {
    const [p, w] = "prefix" in a ? [a.prefix, b as Exclude<Alternative, { prefix: string }>] : [(b as { prefix: string }).prefix, a];
    return keysOf(w).some((k) => k.startsWith(p) || p.startsWith(k));
  }
  const ka = keysOf(a);
  return keysOf(b).some((k) => ka.includes(k));
}

/** A term and at least two others that can match one and the same word, or undefined. */
function sameWordTerms(words: readonly string[]): number[] | undefined {
  const terms = words.map(termAlternatives);
  for (let i = 0; i < terms.length; i++) {
    const others = terms.flatMap((t, j) => (j !== i && t.some((a) => terms[i]!.some((b) => overlap(a, b))) ? [j] : []));
    if (others.length >= 2) return [i, ...others].sort((a, b) => a - b);
  }
  return undefined;
}

/** The gate has no incident: an inventory rule may read the inventory and nothing else. */
function checkInventoryScope(rule: Located<{ subject: Rule["subject"]; when?: Condition }>, err: Err): void {
  if (rule.value.subject === "incident") err(rule, ["subject"], "a rule with scope: inventory needs an inventory subject (identity, workflow, step or agent)");
  const visit = (c: Condition, path: Path): void => {
    if ("all" in c) return c.all.forEach((s, i) => visit(s, [...path, "all", i]));
    if ("any" in c) return c.any.forEach((s, i) => visit(s, [...path, "any", i]));
    if ("not" in c) return visit(c.not, [...path, "not"]);
    if ("symptom" in c) return err(rule, [...path, "symptom"], "a rule with scope: inventory cannot test symptoms: the gate reads the inventory alone");
    if (factDef(c.fact)?.entity === "incident") err(rule, [...path, "fact"], `a rule with scope: inventory cannot read ${c.fact}: the gate reads the inventory alone`);
  };
  if (rule.value.when) visit(rule.value.when, ["when"]);
}

function checkCondition(c: Condition, path: Path, rule: Located<Pick<Rule, "subject">>, symptoms: ReadonlySet<string>, err: Err): void {
  if ("all" in c) return c.all.forEach((s, i) => checkCondition(s, [...path, "all", i], rule, symptoms, err));
  if ("any" in c) return c.any.forEach((s, i) => checkCondition(s, [...path, "any", i], rule, symptoms, err));
  if ("not" in c) return checkCondition(c.not, [...path, "not"], rule, symptoms, err);
  if ("symptom" in c) {
    if (!symptoms.has(c.symptom)) err(rule, [...path, "symptom"], `unknown symptom "${c.symptom}"${didYouMean(c.symptom, symptoms)}`);
    return;
  }
  checkFactTest(c, path, rule, err);
}

function checkFactTest(t: FactTest, path: Path, rule: Located<Pick<Rule, "subject">>, err: Err): void {
  const def = factDef(t.fact);
  if (!def) {
    err(rule, [...path, "fact"], `unknown fact "${t.fact}"${didYouMean(t.fact, FACT_NAMES)}`);
    return;
  }
  const subject = rule.value.subject;
  if (!(ENTITIES_BY_SUBJECT[subject] as readonly string[]).includes(def.entity)) {
    err(rule, [...path, "fact"], `fact "${t.fact}" describes a ${def.entity}, which a rule on subject "${subject}" cannot see`);
  }
  const ops = OPERATORS.filter((o) => t[o] !== undefined);
  if (ops.length !== 1) {
    err(rule, path, `a fact test needs exactly one operator (${OPERATORS.join(", ")}), found ${ops.length ? ops.join(", ") : "none"}`);
    return;
  }
  const op = ops[0]!;
  const numeric = ["gt", "gte", "lt", "lte"].includes(op);
  const listOp = ["includes", "includesAny", "excludes"].includes(op);
  if (numeric && def.type !== "number") err(rule, [...path, op], `"${op}" compares numbers, but ${t.fact} is a ${def.type}`);
  if (listOp && def.type !== "list") err(rule, [...path, op], `"${op}" tests a list, but ${t.fact} is a ${def.type}`);
  if (!numeric && !listOp && op !== "present" && def.type === "list") err(rule, [...path, op], `${t.fact} is a list: use includes, includesAny or excludes`);
  const given = t[op];
  const values = numeric || op === "present" ? [] : Array.isArray(given) ? given : [given];
  for (const v of values) {
    const expected = def.type === "list" ? "string" : def.type;
    if (typeof v !== expected) err(rule, [...path, op], `${t.fact} is a ${def.type}; ${JSON.stringify(v)} can never match`);
    else if (def.values && typeof v === "string" && !def.values.includes(v)) {
      err(rule, [...path, op], `${t.fact} is one of ${def.values.join(" | ")}; "${v}" can never match${didYouMean(v, def.values)}`);
    }
  }
}

function prerequisiteCycles(controls: Located<Control>[], byId: ReadonlyMap<string, Control>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const state = new Map<string, "visiting" | "done">();
  const reported = new Set<string>();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === "done") return;
    if (state.get(id) === "visiting") {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      const key = [...cycle].sort().join(",");
      if (!reported.has(key)) {
        reported.add(key);
        const l = controls.find((c) => c.value.id === id)!;
        out.push(diagnostic(l.doc.file, l.doc.locate([...l.path, "requires"]), `prerequisite cycle: ${cycle.join(" → ")}`));
      }
      return;
    }
    state.set(id, "visiting");
    for (const req of byId.get(id)?.requires ?? []) if (byId.has(req)) visit(req, [...trail, id]);
    state.set(id, "done");
  };
  for (const c of [...byId.keys()].sort()) visit(c, []);
  return out;
}
