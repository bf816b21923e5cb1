// Generators for the property-based fuzzing of the CLI, shared by test/fuzz/*.test.ts
// (a few hundred cases per target, in `npm test`) and scripts/fuzz.mjs (`npm run fuzz`,
// 100,000 cases). Plain JavaScript so that Node runs it without a build step; the types
// the tests see are in generators.d.mts.
//
// A case is a set of files (written to a fresh temporary folder) and a command line whose
// paths start with $DIR. Every file is one of:
//   - a fixture, mutated: fields dropped, duplicated, renamed, retyped or replaced by junk
//     (random strings, numbers, booleans, nulls, deep objects, unicode, huge strings),
//     lists shuffled, subtrees grafted from other fixtures; then serialised in one of
//     several YAML or JSON styles, or kept as the original text; then edited as text
//     (truncated, lines duplicated or swapped, indentation broken, tabs, BOM, CRLF, NUL
//     bytes, invalid UTF-8, anchors and aliases, a second document, deep nesting);
//   - a generated document that follows the schema closely enough to reach the engine,
//     mutated the same way some of the time.
import fc from "fast-check";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The reference date every case runs with, so credential ages do not drift. */
export const NOW = "2026-11-23";
export const API_VERSION = "nhi-triage/v1";

export const ANALYZE_FORMATS = ["text", "json", "ndjson", "markdown", "sarif"];
export const INTERVIEW_FORMATS = ["text", "json", "ndjson", "markdown"];
export const GATE_FORMATS = ["text", "json", "sarif", "junit", "github", "markdown"];
export const SEVERITIES = ["info", "low", "medium", "high", "critical"];

const IDENTITY_KINDS = ["service-account", "api-key", "oauth-client", "access-token", "workload", "agent", "certificate", "bot"];
const CREDENTIAL_TYPES = ["static-secret", "password", "short-lived-token", "workload-identity", "certificate"];
const STORAGES = ["vault", "secret-manager", "ci-variable", "env-file", "source-code", "unknown"];
const LOG_FIELDS = ["actor", "action", "resource", "decision", "outcome"];
const LEANINGS = ["coordination", "attribution", "boundary"];
const DEFECTS = ["coordination", "attribution", "boundary", "containment"];
const LAYERS = ["orchestration", "identity", "containment"];
const SUBJECTS = ["incident", "identity", "workflow", "step", "agent"];
const OPERATORS = ["equals", "notEquals", "in", "gt", "gte", "lt", "lte", "present", "includes", "includesAny", "excludes"];
const QUESTION_KINDS = ["single", "multi", "yesno", "text", "inventory"];

// ---------------------------------------------------------------------------------------
// Fixtures and the vocabulary of the built-in rule pack

function yamlFilesUnder(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) return yamlFilesUnder(p);
      return /\.ya?ml$/.test(f) ? [p] : [];
    });
}

function readDoc(file) {
  const text = readFileSync(file, "utf8");
  let data;
  try {
    data = parse(text);
  } catch {
    data = undefined;
  }
  return { name: relative(ROOT, file), text, data };
}

const ALL_FIXTURES = yamlFilesUnder(join(ROOT, "fixtures")).map(readDoc);
const kindOf = (d) => /^kind:\s*["']?(\w+)/m.exec(d.text)?.[1];
const fixturesOf = (...kinds) => ALL_FIXTURES.filter((d) => kinds.includes(kindOf(d) ?? ""));

/** Every fixture file, grouped by the input it is mutated as. */
export const FIXTURES = {
  // Files with no kind (an empty file) are fed to analyze like incidents.
  incidents: ALL_FIXTURES.filter((d) => kindOf(d) === "Incident" || kindOf(d) === undefined),
  inventories: fixturesOf("Inventory"),
  waivers: fixturesOf("Waivers"),
  answers: fixturesOf("Answers"),
  rulePack: ALL_FIXTURES.filter((d) => d.name.startsWith("fixtures/rule-pack/") || d.name.startsWith("fixtures/broken-packs/")),
};
const fixture = (name) => {
  const d = ALL_FIXTURES.find((f) => f.name === name);
  if (!d) throw new Error(`no fixture ${name}`);
  return d;
};
export const FIXTURE_INVENTORY = join(ROOT, "fixtures/inventory.yaml");
export const FIXTURE_HEAD = join(ROOT, "fixtures/gate/head.yaml");
export const FIXTURE_BASE = join(ROOT, "fixtures/gate/base.yaml");
export const FIXTURE_WAIVERS = join(ROOT, "fixtures/gate/waivers.yaml");

const builtin = (rel) => parse(readFileSync(join(ROOT, "rules", rel), "utf8"));
const SYMPTOMS = builtin("symptoms.yaml").symptoms;
const QUESTIONS = builtin("questions.yaml").questions;
const CONTROLS = builtin("controls.yaml").controls;
const CHANGES = builtin("changes.yaml").changes;
const RULES = readdirSync(join(ROOT, "rules/rules"))
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .flatMap((f) => builtin(`rules/${f}`).rules);
const FRAMEWORK_IDS = readdirSync(join(ROOT, "rules/frameworks"))
  .filter((f) => f.endsWith(".yaml") && !f.includes("crosswalk"))
  .sort()
  .flatMap((f) => builtin(`frameworks/${f}`).entries.map((e) => e.id));
const DOMAIN_KEYS = builtin("domain.yaml").lines.map((l) => l.key);

function collect(value, visit) {
  if (Array.isArray(value)) value.forEach((v) => collect(v, visit));
  else if (value !== null && typeof value === "object") {
    visit(value);
    Object.values(value).forEach((v) => collect(v, visit));
  }
}
const uniq = (xs) => [...new Set(xs)].sort();
const FACTS = uniq([
  ...CHANGES.map((c) => c.fact),
  ...(() => {
    const out = [];
    collect(RULES, (o) => typeof o.fact === "string" && out.push(o.fact));
    return out;
  })(),
]);
const SYMPTOM_CODES = SYMPTOMS.map((s) => s.code);
const ALIASES = SYMPTOMS.flatMap((s) => s.aliases ?? []);
// A phrase with conditions ({ phrase, exclude, ordered }) is matched on its words alone here.
const PHRASES = SYMPTOMS.flatMap((s) => (s.phrases ?? []).map((p) => (typeof p === "string" ? p : p.phrase)));
/** Words of the free-text detectors, alternatives and prefixes spelt out, to build text that matches. */
const PHRASE_WORDS = uniq(
  PHRASES.flatMap((p) =>
    p
      .replace(/\s~\d+$/, "")
      .split(/\s+/)
      .flatMap((w) => w.split("|"))
      .map((w) => (w.endsWith("*") ? `${w.slice(0, -1)}ed` : w))
      .filter(Boolean),
  ),
);
const GATE_RULE_IDS = uniq([...RULES.filter((r) => r.scope === "inventory").map((r) => r.id), ...CHANGES.map((c) => c.id)]);
const RULE_IDS = uniq(RULES.map((r) => r.id));
const CONTROL_IDS = CONTROLS.map((c) => c.id);

const INVENTORY_IDS = (() => {
  const ids = { identities: new Set(), workflows: new Set(), agents: new Set(), steps: new Set() };
  for (const d of FIXTURES.inventories) {
    for (const list of ["identities", "workflows", "agents"]) for (const e of d.data?.[list] ?? []) if (typeof e?.id === "string") ids[list].add(e.id);
    for (const w of d.data?.workflows ?? []) for (const s of w?.steps ?? []) if (typeof s?.id === "string") ids.steps.add(s.id);
  }
  return { identities: [...ids.identities].sort(), workflows: [...ids.workflows].sort(), agents: [...ids.agents].sort(), steps: [...ids.steps].sort() };
})();
/** The ids of fixtures/inventory.yaml, which analyze and interview cases resolve against. */
const MAIN_INVENTORY_IDS = (() => {
  const d = fixture("fixtures/inventory.yaml").data;
  return {
    identities: d.identities.map((e) => e.id),
    workflows: d.workflows.map((e) => e.id),
    agents: d.agents.map((e) => e.id),
  };
})();
const FIELD_NAMES = uniq(
  (() => {
    const out = [];
    collect(
      ALL_FIXTURES.map((d) => d.data),
      (o) => out.push(...Object.keys(o)),
    );
    return out;
  })(),
);

/** Everything a document can hold in one place, from every fixture (for grafting one place's value into another). */
const GRAFTS = (() => {
  const out = [];
  const walk = (v, depth) => {
    if (depth > 0) out.push(v);
    if (depth >= 4) return;
    if (Array.isArray(v)) v.forEach((x) => walk(x, depth + 1));
    else if (v !== null && typeof v === "object") Object.values(v).forEach((x) => walk(x, depth + 1));
  };
  for (const d of ALL_FIXTURES) if (d.data !== undefined) walk(d.data, 0);
  return out;
})();

// ---------------------------------------------------------------------------------------
// Junk values

const SPECIAL_STRINGS = [
  "", " ", "  \t ", "null", "~", "true", "no", "yes", "on", "off", "0x1F", "0o17", "1e309", "-1", "0", "007", ".nan", "-.inf", "NaN",
  "2026-02-30", "2026-13-01", "2026-11-23T25:00", "9999-12-31", "0000-01-01", "2026-11-23T00:00:00.000000001+14:00", "0d", "1s",
  "90d", "99999999999999999999999999999999999999999d", "1e3d", "*", "**", "identity:*", "*:*", "identity:", ":", "/", "//", "..",
  "identity:*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", "workflow:*/step:*", "__proto__", "constructor", "toString", "hasOwnProperty",
  "prototype", "valueOf", "<script>alert(1)</script>", "]]>", "<![CDATA[", "&amp;", "${x}", "$(rm)", "%s%n", "\\", "'", '"',
  "a\nb", "\r\n", "\u0000", "\u0007", "\u001b[31mred", "\u2028", "\u2029", "\uFEFF", "\u202E", "\uD800", "\uDFFF", "ﬀ", "İ",
  "ß", "e\u0301", "👩‍👩‍👧", "𝔘𝔫𝔦", "::error::x", "%0A", "|", "- ", "# x", "&a", "*a", "!!str", "@", "`", "--- ", "...",
  "no retries", "not leaked", "the job retried twice", "CTL-", "NHI-", "nhi-triage/v1", "Incident", "Inventory",
];

const stringJunk = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 16 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 16 }) },
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
);

const VOCAB = uniq([
  ...IDENTITY_KINDS, ...CREDENTIAL_TYPES, ...STORAGES, ...LOG_FIELDS, ...LEANINGS, ...DEFECTS, ...LAYERS, ...SUBJECTS, ...SEVERITIES,
  ...SYMPTOM_CODES, ...ALIASES, ...GATE_RULE_IDS, ...RULE_IDS, ...CONTROL_IDS, ...FACTS, ...FRAMEWORK_IDS.slice(0, 40),
  ...INVENTORY_IDS.identities, ...INVENTORY_IDS.workflows, ...INVENTORY_IDS.agents, ...INVENTORY_IDS.steps, ...DOMAIN_KEYS,
  ...FIELD_NAMES, "per-run", "shared", "per-step", "prod", "staging", "prod:admin", "iam:*", "*", "repo:write", "team-platform",
  "Incident", "Inventory", "Waivers", "Answers", "RuleSet", "Controls", "Symptoms", "Questions", "ChangeRules", "Config", API_VERSION,
  "2026-11-23", "2020-01-01", "1h", "90d", "365d",
]);
const vocab = fc.constantFrom(...VOCAB);

function hugeString(max) {
  return fc
    .tuple(fc.constantFrom("a", "x ", "é", "😀", "retried ", "- ", "\u202e", "\t", "a: b\n", "leaked key ", "[", "{"), fc.integer({ min: 1000, max: Math.max(1000, max) }))
    .map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n));
}

function deepValue(maxDepth) {
  return fc.tuple(fc.integer({ min: 2, max: maxDepth }), fc.constantFrom("list", "map", "mixed")).map(([n, how]) => {
    let v = "x";
    for (let i = 0; i < n; i++) v = how === "list" || (how === "mixed" && i % 2 === 0) ? [v] : { k: v };
    return v;
  });
}

function junk(o) {
  const scalar = fc.oneof(
    { weight: 4, arbitrary: stringJunk },
    { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 1e21, 2 ** 53 + 2, -0, 1.5, 86400, 1e308)) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 3, arbitrary: vocab },
    { weight: 1, arbitrary: hugeString(o.hugeMax) },
  );
  return fc.oneof(
    { weight: 8, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(scalar, { maxLength: 5 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.oneof(stringJunk, vocab), scalar, { maxKeys: 4 }) },
    { weight: 1, arbitrary: deepValue(o.deepMax) },
  );
}

// ---------------------------------------------------------------------------------------
// Data-level mutations

/** A deep copy that keeps own `__proto__` keys as data (JSON.parse-style), never as prototypes. */
function clone(v) {
  if (Array.isArray(v)) return v.map(clone);
  if (v !== null && typeof v === "object") {
    const out = {};
    for (const k of Object.keys(v)) define(out, k, clone(v[k]));
    return out;
  }
  return v;
}
function define(obj, key, value) {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
function pathsOf(v, prefix = [], out = []) {
  out.push(prefix);
  if (out.length > 4000) return out;
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...prefix, i], out));
  else if (v !== null && typeof v === "object") for (const k of Object.keys(v)) pathsOf(v[k], [...prefix, k], out);
  return out;
}
function getAt(root, path) {
  let v = root;
  for (const seg of path) v = v?.[seg];
  return v;
}
/** Replaces the value at `path`; returns the (possibly new) root. */
function setAt(root, path, value) {
  if (path.length === 0) return value;
  const parent = getAt(root, path.slice(0, -1));
  const key = path.at(-1);
  if (Array.isArray(parent)) parent[key] = value;
  else if (parent !== null && typeof parent === "object") define(parent, key, value);
  return root;
}
function shuffle(list, seed) {
  const out = [...list];
  let s = (seed >>> 0) || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
function typo(key, n) {
  if (key.length === 0) return "x";
  const i = n % key.length;
  switch (n % 5) {
    case 0:
      return key.slice(0, i) + key.slice(i + 1) || "_";
    case 1:
      return key.slice(0, i) + key[i].toUpperCase() + key.slice(i + 1);
    case 2:
      return `${key}s`;
    case 3:
      return key.slice(0, i) + key[i] + key.slice(i);
    default:
      return ` ${key}`;
  }
}
function retype(v, n) {
  if (typeof v === "string") return [Number(v) || v.length, [v], v === "true", { [v || "k"]: v }][n % 4];
  if (typeof v === "number") return [String(v), [v], v !== 0, -v][n % 4];
  if (typeof v === "boolean") return [String(v), v ? "yes" : "no", v ? 1 : 0, [v]][n % 4];
  if (v === null || v === undefined) return ["", 0, [], {}][n % 4];
  // Not v.join(","): an item may be an object without a prototype (`{ __proto__: … }` grafted in), which has no toString.
  if (Array.isArray(v)) return [Object.fromEntries(v.map((x, i) => [String(i), x])), v[0] ?? null, v.map((x) => (x !== null && typeof x === "object" ? JSON.stringify(x) : String(x))).join(","), v.length][n % 4];
  const values = Object.values(v);
  return [values, JSON.stringify(values.slice(0, 3)), values.length, null][n % 4];
}

const DATA_OPS = ["drop", "dup", "replace", "retype", "shuffle", "rename", "add", "vocab", "graft"];

function dataOp(o) {
  return fc.record({ op: fc.constantFrom(...DATA_OPS), at: fc.nat(), n: fc.nat(), value: junk(o), word: vocab });
}

/** Applies mutations to a copy of `data`; every choice of place is `at` modulo the places there are. */
export function mutateData(data, ops) {
  let root = clone(data);
  for (const { op, at, n, value, word } of ops) {
    const paths = pathsOf(root);
    const path = paths[at % paths.length];
    const parentPath = path.slice(0, -1);
    const parent = path.length ? getAt(root, parentPath) : undefined;
    const key = path.at(-1);
    const here = getAt(root, path);
    switch (op) {
      case "drop":
        if (Array.isArray(parent)) parent.splice(key, 1);
        else if (parent && typeof parent === "object") delete parent[key];
        else root = null;
        break;
      case "dup":
        if (Array.isArray(parent)) parent.splice(key, 0, clone(here));
        else if (parent && typeof parent === "object") {
          const keys = Object.keys(parent);
          define(parent, keys[n % keys.length], clone(here));
        } else root = [clone(here), clone(here)];
        break;
      case "replace":
        root = setAt(root, path, value);
        break;
      case "retype":
        root = setAt(root, path, retype(here, n));
        break;
      case "shuffle":
        if (Array.isArray(here)) root = setAt(root, path, shuffle(here, n));
        else if (here && typeof here === "object") {
          const out = {};
          for (const k of shuffle(Object.keys(here), n)) define(out, k, here[k]);
          root = setAt(root, path, out);
        }
        break;
      case "rename":
        if (parent && typeof parent === "object" && !Array.isArray(parent)) {
          const renamed = n % 3 === 0 ? word : typo(String(key), n);
          const out = {};
          for (const k of Object.keys(parent)) define(out, k === key ? renamed : k, parent[k]);
          root = setAt(root, parentPath, out);
        }
        break;
      case "add":
        if (Array.isArray(here)) here.splice(n % (here.length + 1), 0, value);
        else if (here && typeof here === "object") define(here, n % 2 ? word : typeof value === "string" ? value : `x-${n}`, value);
        else root = setAt(root, path, n % 2 ? [here, value] : { [word]: here });
        break;
      case "vocab":
        root = setAt(root, path, word);
        break;
      case "graft":
        root = setAt(root, path, clone(GRAFTS[n % GRAFTS.length]));
        break;
    }
  }
  return root;
}

// ---------------------------------------------------------------------------------------
// Serialisation and text-level mutations

const STYLES = ["original", "block", "flow", "json", "json-pretty", "quoted", "indent4", "literal"];

export function serialize(data, style) {
  try {
    switch (style) {
      case "flow":
        return stringify(data, { collectionStyle: "flow", lineWidth: 0 });
      case "json":
        return `${JSON.stringify(data)}\n`;
      case "json-pretty":
        return `${JSON.stringify(data, null, 2)}\n`;
      case "quoted":
        return stringify(data, { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN", lineWidth: 0 });
      case "indent4":
        return stringify(data, { indent: 4, indentSeq: false, lineWidth: 40 });
      case "literal":
        return stringify(data, { blockQuote: "literal", defaultStringType: "BLOCK_LITERAL", lineWidth: 0 });
      default:
        return stringify(data, { lineWidth: 0 });
    }
  } catch {
    return `${JSON.stringify(data) ?? "null"}\n`;
  }
}

const YAMLISH = [
  ": ", "- ", "#", "&a ", "*a", "!!str ", "!!int ", "!!binary ", "!!timestamp ", "!!set ", "!custom ", "!<tag:x> ", "|", ">-", "|+2",
  "\t", "{", "}", "[", "]", "\"", "'", "%YAML 1.2\n---\n", "%TAG ! tag:x:\n", "@", "`", "---\n", "...\n", "\r", "\u2028", "\uFEFF",
  "? ", "? a\n: b\n", "<<: ", "<<: *a\n", "\\", "\n", "\n  ", ": |\n  x\n", "kind: Incident\n", "apiVersion: nhi-triage/v1\n",
  "id: dup\n", "- id: x\n", "  - ", "key: value: value", "{a: 1, a: 2}", "[1, 2", "\"unterminated", "'it''s'", "a: 'b\n",
];
const yamlish = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...YAMLISH) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 2, arbitrary: stringJunk },
  { weight: 1, arbitrary: vocab.map((w) => `${w}: `) },
);

function textOp(o) {
  return fc.oneof(
    fc.record({ op: fc.constant("truncate"), at: fc.nat() }),
    fc.record({ op: fc.constant("delete"), at: fc.nat(), len: fc.integer({ min: 1, max: 60 }) }),
    fc.record({ op: fc.constant("insert"), at: fc.nat(), s: yamlish }),
    fc.record({ op: fc.constant("dupLine"), at: fc.nat() }),
    fc.record({ op: fc.constant("swapLines"), at: fc.nat(), to: fc.nat() }),
    fc.record({ op: fc.constant("indent"), at: fc.nat(), n: fc.integer({ min: -4, max: 6 }) }),
    fc.record({ op: fc.constant("tab"), at: fc.nat() }),
    fc.record({ op: fc.constantFrom("crlf", "cr", "bom", "laughs", "noFinalNewline") }),
    fc.record({ op: fc.constant("nul"), at: fc.nat() }),
    fc.record({ op: fc.constant("secondDoc"), s: yamlish }),
    fc.record({ op: fc.constant("anchors"), at: fc.nat(), n: fc.integer({ min: 1, max: 150 }) }),
    fc.record({ op: fc.constant("deep"), at: fc.nat(), n: fc.integer({ min: 10, max: o.nestMax }), flow: fc.boolean() }),
    fc.record({ op: fc.constant("hugeLine"), at: fc.nat(), s: hugeString(o.hugeMax) }),
    fc.record({ op: fc.constant("invalidUtf8"), at: fc.nat(), bytes: fc.constantFrom([0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf]) }),
  );
}

function lineSpans(text) {
  const lines = text.split("\n");
  return lines;
}

/** Applies text edits; returns the text and, for invalid UTF-8, bytes to splice in when the file is written. */
export function mutateText(text, ops) {
  let t = text;
  let raw;
  for (const e of ops) {
    const lines = lineSpans(t);
    const li = (e.at ?? 0) % lines.length;
    switch (e.op) {
      case "truncate":
        t = t.slice(0, e.at % (t.length + 1));
        break;
      case "delete": {
        const at = e.at % (t.length + 1);
        t = t.slice(0, at) + t.slice(at + e.len);
        break;
      }
      case "insert": {
        const at = e.at % (t.length + 1);
        t = t.slice(0, at) + e.s + t.slice(at);
        break;
      }
      case "dupLine":
        lines.splice(li, 0, lines[li]);
        t = lines.join("\n");
        break;
      case "swapLines": {
        const lj = e.to % lines.length;
        [lines[li], lines[lj]] = [lines[lj], lines[li]];
        t = lines.join("\n");
        break;
      }
      case "indent":
        lines[li] = e.n >= 0 ? " ".repeat(e.n) + lines[li] : lines[li].replace(new RegExp(`^ {0,${-e.n}}`), "");
        t = lines.join("\n");
        break;
      case "tab":
        lines[li] = lines[li].replace(/^ +/, "\t");
        t = lines.join("\n");
        break;
      case "crlf":
        t = t.replace(/\r?\n/g, "\r\n");
        break;
      case "cr":
        t = t.replace(/\r?\n/g, "\r");
        break;
      case "bom":
        t = `\uFEFF${t}`;
        break;
      case "noFinalNewline":
        t = t.replace(/\n+$/, "");
        break;
      case "laughs":
        t = `${["a: &a [x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, i) => `${"bcdefghi"[i]}: &${"bcdefghi"[i]} [${Array(9).fill(`*${"abcdefgh"[i]}`).join(", ")}]`)].join("\n")}\n${t}`;
        break;
      case "nul": {
        const at = e.at % (t.length + 1);
        t = `${t.slice(0, at)}\u0000${t.slice(at)}`;
        break;
      }
      case "secondDoc":
        t = `${t}\n---\n${e.s}\n`;
        break;
      case "anchors": {
        // An anchor on the line's value and aliases to it further down: the exact-parser path.
        const m = /^(\s*(?:- )?[\w-]+:) (\S.*)$/.exec(lines[li]);
        if (m) lines[li] = `${m[1]} &x${e.n % 3} ${m[2]}`;
        lines.push(...Array.from({ length: Math.min(e.n, 120) }, (_, i) => `alias${i}: *x${i % 3}`));
        t = lines.join("\n");
        break;
      }
      case "deep": {
        const open = e.flow ? "[".repeat(e.n) : "";
        const nested = e.flow ? `${open}${"]".repeat(e.n)}` : `\n${Array.from({ length: Math.min(e.n, 2000) }, (_, i) => `${" ".repeat(i)}- `).join("\n")}x`;
        lines.splice(li, 0, `deep: ${nested}`);
        t = lines.join("\n");
        break;
      }
      case "hugeLine":
        lines.splice(li, 0, `long: ${e.s}`);
        t = lines.join("\n");
        break;
      case "invalidUtf8":
        raw = { at: e.at, bytes: e.bytes };
        break;
    }
  }
  return { text: t, ...(raw ? { raw } : {}) };
}

// ---------------------------------------------------------------------------------------
// Documents: a base (fixture or generated), mutated

/** How often a document is left alone, mutated as data, or edited as text. */
function opsList(arb, emptyWeight, max) {
  return fc.oneof({ weight: emptyWeight, arbitrary: fc.constant([]) }, { weight: 10 - emptyWeight, arbitrary: fc.array(arb, { minLength: 1, maxLength: max }) });
}

/**
 * A document: `base` gives `{ data, text? }`; the result is `{ text, raw? }`. With no data
 * mutation and the "original" style the fixture's own text (comments, flow maps, quotes)
 * is kept, so text edits hit real formatting.
 */
export function documentArb(base, o, opts = {}) {
  const dataWeight = opts.dataWeight ?? 6;
  const textWeight = opts.textWeight ?? 7;
  return fc
    .record({
      base,
      ops: opsList(dataOp(o), dataWeight, 4),
      style: fc.oneof({ weight: 4, arbitrary: fc.constant("original") }, { weight: 6, arbitrary: fc.constantFrom(...STYLES) }),
      edits: opsList(textOp(o), textWeight, 3),
    })
    .map(({ base: b, ops, style, edits }) => {
      const keepText = b.text !== undefined && (b.data === undefined || (ops.length === 0 && style === "original"));
      const text = keepText ? b.text : serialize(mutateData(b.data === undefined ? null : b.data, ops), style === "original" ? "block" : style);
      return mutateText(text, edits);
    });
}

const fromFixtures = (docs) => fc.constantFrom(...docs).map((d) => ({ data: d.data, text: d.text, name: d.name }));

// ---------------------------------------------------------------------------------------
// Generated documents that follow the schemas

const maybe = (arb, weight = 3) => fc.option(arb, { nil: undefined, freq: weight });
const noUndefined = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
/** Mostly a valid value; now and then junk, so generated documents are mostly valid and reach the engine. */
const enumOr = (values, o) => fc.oneof({ weight: 40, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: junk(o) });

const idArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("svc-a", "svc-b", "svc-c", "svc-deploy", "tok-ci", "key-1", "wf-a", "wf-b", "agent-a", "agent-b", "step-1", "step-2") },
  { weight: 3, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }) },
);
/** A list of entries whose ids are mostly unique (a duplicate id is an error the mutations reach anyway). */
const byId = (entry, max) =>
  fc.oneof(
    { weight: 9, arbitrary: fc.uniqueArray(entry, { maxLength: max, selector: (e) => e.id }) },
    { weight: 1, arbitrary: fc.array(entry, { maxLength: max }) },
  );
const team = fc.oneof({ weight: 60, arbitrary: fc.constantFrom("team-a", "team-b", "team-platform", "team-data", "vendor") }, { weight: 1, arbitrary: fc.constant("") });
const dateArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("2026-11-23", "2026-11-22", "2026-06-02", "2024-10-07", "2020-01-01", "2030-06-01", "2024-02-29", "2026-11-23T12:00:00Z", "2026-11-23T12:00+05:30") },
  { weight: 3, arbitrary: fc.date({ min: new Date("1970-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
  { weight: 1, arbitrary: fc.constantFrom("0001-01-01", "9999-12-31T23:59:59.999Z", "2026-11-23T23:59:59-12:00", "1970-01-01T00:00:00Z") },
  { weight: 1, arbitrary: fc.oneof({ weight: 9, arbitrary: fc.constant("2026-11-01") }, { weight: 1, arbitrary: fc.constantFrom("2026-02-30", "2026-11-31", "2026-1-1", "yesterday") }) },
);
const durationArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("15m", "1h", "12h", "30d", "90d", "365d", "400d", "3650d") },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 10 ** 7 }), fc.constantFrom("s", "m", "h", "d")).map(([n, u]) => `${n}${u}`) },
  { weight: 1, arbitrary: fc.constantFrom("99999999999999999999999d", `${"9".repeat(400)}d`, "1s") },
  { weight: 1, arbitrary: fc.oneof({ weight: 9, arbitrary: fc.constant("30d") }, { weight: 1, arbitrary: fc.constantFrom("1e3d", "-5d", "0d", "5w") }) },
);
const privilege = fc.constantFrom("repo:read", "repo:write", "prod:deploy", "prod:admin", "prod:write", "iam:*", "*", "admin", "db:migrate", "billing:write", "cluster:admin", "warehouse:read", "org:admin");

function inventoryArb(o) {
  const identity = fc
    .record(
      {
        id: idArb,
        kind: enumOr(IDENTITY_KINDS, o),
        owner: team,
        usedBy: fc.array(team, { maxLength: 4 }),
        tenants: fc.array(fc.constantFrom("acme", "globex", "initech", "*", "ＡＣＭＥ"), { maxLength: 3 }),
        environments: fc.array(fc.constantFrom("prod", "staging", "dev", "test", "production", "sandbox"), { maxLength: 3 }),
        credential: fc.record({ type: enumOr(CREDENTIAL_TYPES, o), maxAge: durationArb, lastRotated: dateArb, storage: enumOr(STORAGES, o) }, { requiredKeys: [] }),
        privileges: fc.array(privilege, { maxLength: 5 }),
        humanUse: fc.boolean(),
        thirdParty: fc.boolean(),
        lastUsed: dateArb,
      },
      { requiredKeys: ["id", "kind"] },
    );
  return byId(identity, 6).chain((identities) => {
    const ids = identities.map((i) => i.id).filter((id) => typeof id === "string");
    const ref = ids.length ? fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: idArb }) : idArb;
    const step = fc.record(
      {
        id: idArb,
        identity: ref,
        privileged: fc.boolean(),
        retries: fc.oneof({ weight: 20, arbitrary: fc.integer({ min: 0, max: 10 }) }, { weight: 1, arbitrary: fc.constantFrom(2 ** 31, Number.MAX_SAFE_INTEGER) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1.5) }),
        idempotent: fc.boolean(),
        compensation: fc.constantFrom("restore-snapshot", "refund", "rollback"),
        approval: fc.record({ required: fc.boolean(), singleUse: fc.boolean() }, { requiredKeys: [] }),
        logs: fc.subarray(LOG_FIELDS),
      },
      { requiredKeys: ["id"] },
    );
    const workflow = fc.record(
      {
        id: idArb,
        engine: fc.constantFrom("github-actions", "argo", "airflow", "jenkins"),
        stateIsolation: enumOr(["per-run", "shared"], o),
        credentialScope: enumOr(["per-step", "per-run", "shared"], o),
        steps: byId(step, 4),
      },
      { requiredKeys: ["id"] },
    );
    return fc.record({ workflows: byId(workflow, 3), agentIds: fc.uniqueArray(idArb, { maxLength: 3 }) }).chain(({ workflows, agentIds }) => {
      const agent = (id) =>
        fc
          .record(
            {
              identity: ref,
              tools: fc.array(fc.constantFrom("tickets:read", "warehouse:read", "payments:refund", "shell", "*", "email:send"), { maxLength: 5 }),
              delegatesTo: fc.subarray(agentIds),
              inheritsScope: fc.boolean(),
              runtimeAuthorization: fc.boolean(),
            },
            { requiredKeys: [] },
          )
          .map((a) => ({ id, ...a }));
      return fc.tuple(...agentIds.map(agent)).map((agents) =>
        noUndefined({
          apiVersion: API_VERSION,
          kind: "Inventory",
          identities,
          ...(workflows.length ? { workflows } : {}),
          ...(agents.length ? { agents } : {}),
        }),
      );
    });
  });
}

const NEGATIONS = ["no", "not", "never", "without", "didn't", "cannot", "no sign", "no evidence that", "nobody", "unconfirmed"];
const BREAKS = [".", ",", ";", " but ", " however ", "\n", "(", ")", "!", "?"];

function textArb(o, words = PHRASE_WORDS) {
  const word = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...words) },
    { weight: 2, arbitrary: fc.constantFrom(...NEGATIONS) },
    { weight: 2, arbitrary: fc.constantFrom(...BREAKS) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 10 }) },
    { weight: 2, arbitrary: fc.constantFrom("the", "a", "job", "token", "key", "svc-deploy", "prod", "twice", "again", "it's", "job's", "O'Brien") },
  );
  const normal = fc.array(word, { maxLength: 40 }).map((ws) => ws.join(" "));
  // Long runs of detector words, far apart: the worst case for matching phrases in any order.
  const long = fc
    .array(fc.tuple(fc.constantFrom(...words, ...NEGATIONS), fc.integer({ min: 1, max: Math.max(1, Math.floor(o.hugeMax / 8)) })), { minLength: 1, maxLength: 4 })
    .map((runs) => runs.map(([w, n]) => `${w} `.repeat(n)).join(""));
  return fc.oneof({ weight: 12, arbitrary: normal }, { weight: 1, arbitrary: long }, { weight: 1, arbitrary: hugeString(o.hugeMax) });
}

function incidentArb(o, ids = MAIN_INVENTORY_IDS, words = PHRASE_WORDS) {
  const pick = (list) => (list.length ? fc.subarray(list, { maxLength: Math.min(3, list.length) }) : fc.constant([]));
  const symptom = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...SYMPTOM_CODES) },
    { weight: 1, arbitrary: fc.constantFrom(...ALIASES) },
    { weight: 2, arbitrary: fc.record({ code: fc.constantFrom(...SYMPTOM_CODES), note: textArb(o, words) }, { requiredKeys: ["code"] }) },
    { weight: 1, arbitrary: fc.oneof({ weight: 20, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: stringJunk }) },
  );
  return fc
    .record(
      {
        id: fc.oneof({ weight: 5, arbitrary: fc.constantFrom("INC-1", "INC-2", "INC-2026-001") }, { weight: 1, arbitrary: idArb }),
        title: textArb(o, words),
        description: textArb(o, words),
        active: fc.boolean(),
        symptoms: fc.array(symptom, { maxLength: 5 }).map((list) => list.filter((x) => x !== undefined)),
        affected: fc.record({ identities: pick(ids.identities), workflows: pick(ids.workflows), agents: pick(ids.agents) }, { requiredKeys: [] }),
      },
      { requiredKeys: ["id"] },
    )
    .map((i) => ({ apiVersion: API_VERSION, kind: "Incident", ...i }));
}

function waiversArb(o, ids = INVENTORY_IDS) {
  const subject = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ids.identities).map((id) => `identity:${id}`) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...ids.workflows), fc.constantFrom(...ids.steps)).map(([w, s]) => `workflow:${w}/step:${s}`) },
    { weight: 1, arbitrary: fc.constantFrom(...ids.agents).map((id) => `agent:${id}`) },
    { weight: 2, arbitrary: fc.constantFrom("*", "identity:*", "*:svc-*", "workflow:*/step:*", "agent:*", "identity:svc-*-key", "identity:**", `identity:${"*a".repeat(20)}*b`) },
    { weight: 1, arbitrary: fc.stringMatching(/^(identity|workflow|agent|\*):[^\s]{1,30}$/) },
  );
  const rare = (arb) => ({ weight: 1, arbitrary: arb });
  const waiver = fc.record(
    {
      rule: fc.oneof({ weight: 40, arbitrary: fc.constantFrom(...GATE_RULE_IDS) }, rare(fc.constantFrom(...RULE_IDS)), rare(stringJunk)),
      subject,
      reason: fc.oneof({ weight: 20, arbitrary: fc.constantFrom("vendor cannot rotate yet", "x", "ticket PLAT-1 ✓") }, rare(stringJunk)),
      owner: fc.oneof({ weight: 20, arbitrary: team }, rare(stringJunk)),
      expires: dateArb,
    },
    { requiredKeys: ["rule", "subject", "reason", "owner", "expires"] },
  );
  return fc.array(waiver, { maxLength: 6 }).map((waivers) => ({ apiVersion: API_VERSION, kind: "Waivers", waivers }));
}

/** Mirrors the interview's `holds`, so generated answers mostly follow the question graph. */
function holds(w, answers, hasInventory) {
  if ("all" in w) return w.all.every((s) => holds(s, answers, hasInventory));
  if ("any" in w) return w.any.some((s) => holds(s, answers, hasInventory));
  if ("not" in w) return !holds(w.not, answers, hasInventory);
  if ("inventory" in w) return hasInventory === w.inventory;
  const a = answers[w.answer];
  if ("includes" in w) return Array.isArray(a) && a.includes(w.includes);
  return a === w.equals;
}

function answersArb(o, hasInventory, questions = QUESTIONS) {
  const decision = fc.record({
    skip: fc.oneof({ weight: 1, arbitrary: fc.constant(true) }, { weight: 6, arbitrary: fc.constant(false) }),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
    yes: fc.boolean(),
    text: textArb(o),
    wrong: fc.oneof({ weight: 20, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: junk(o) }),
  });
  return fc.array(decision, { minLength: questions.length, maxLength: questions.length }).map((decisions) => {
    const answers = {};
    questions.forEach((q, i) => {
      const d = decisions[i];
      if (q.when && !holds(q.when, answers, hasInventory)) return;
      if (d.skip && !q.required) return;
      if (d.wrong !== undefined) return define(answers, q.id, d.wrong);
      const values = (q.choices ?? []).map((c) => c.value);
      switch (q.kind) {
        case "single":
          answers[q.id] = values[d.picks[0] % values.length];
          break;
        case "multi":
          answers[q.id] = uniq(d.picks.map((p) => values[p % values.length]));
          break;
        case "yesno":
          answers[q.id] = d.yes;
          break;
        case "text":
          answers[q.id] = d.text;
          break;
        case "inventory": {
          const list = MAIN_INVENTORY_IDS[q.list] ?? [];
          answers[q.id] = uniq(d.picks.map((p) => list[p % list.length]).filter(Boolean));
          break;
        }
      }
    });
    return { apiVersion: API_VERSION, kind: "Answers", answers };
  });
}

// --- Rule packs ---------------------------------------------------------------------------

const kebab = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,6}){0,2}$/);
const upperId = fc.stringMatching(/^[A-Z][A-Z0-9]{0,4}(-[A-Z0-9]{1,6}){1,2}$/);

function phraseArb() {
  const part = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...PHRASE_WORDS) },
    { weight: 2, arbitrary: fc.array(fc.constantFrom(...PHRASE_WORDS), { minLength: 2, maxLength: 3 }).map((ws) => ws.join("|")) },
    { weight: 1, arbitrary: fc.constantFrom(...PHRASE_WORDS).map((w) => `${w.slice(0, 3)}*`) },
    { weight: 1, arbitrary: fc.constantFrom("*", "|", "||", "-", "--", "a|", "|b", "***", "~", "~3", "n't", "no", "it's", "'s") },
    { weight: 1, arbitrary: stringJunk },
  );
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(part, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(" ")) },
    { weight: 1, arbitrary: fc.tuple(fc.array(part, { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 10 ** 6 })).map(([ws, n]) => `${ws.join(" ")} ~${n}`) },
    { weight: 1, arbitrary: fc.constantFrom(" ", "-", "- -", "|", "*", " ~2", "~2", "a ~", "\t", "—", "é", "😀") },
    { weight: 2, arbitrary: fc.constantFrom(...PHRASES) },
  );
}

/** Fact tests of the built-in rules: valid facts with operators and values that suit them. */
const FACT_TESTS = (() => {
  const out = [];
  collect([...RULES.map((r) => r.when), ...CHANGES.map((c) => c.when)], (c) => typeof c.fact === "string" && out.push(c));
  return out;
})();
const ENTITIES_BY_SUBJECT = {
  incident: ["incident"],
  identity: ["incident", "identity"],
  workflow: ["incident", "workflow"],
  step: ["incident", "workflow", "step", "identity"],
  agent: ["incident", "agent", "identity"],
};

function conditionArb(o, symptoms, subject = "incident", withSymptoms = true) {
  // A rule on the inventory alone (withSymptoms false) may not read the incident either.
  const seen = (ENTITIES_BY_SUBJECT[subject] ?? ["incident"]).filter((e) => withSymptoms || e !== "incident");
  const valid = FACT_TESTS.filter((t) => seen.includes(t.fact.split(".")[0]));
  const anyFact = fc
    .record({ fact: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...FACTS) }, { weight: 1, arbitrary: vocab }), op: fc.constantFrom(...OPERATORS), value: fc.oneof(junk(o), fc.constantFrom(...VOCAB), fc.array(vocab, { minLength: 1, maxLength: 3 })) })
    .map(({ fact, op, value }) => ({ fact, [op]: value }));
  const leafFact = valid.length ? fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: anyFact }) : anyFact;
  const leaves = withSymptoms ? [leafFact, fc.constantFrom(...symptoms).map((symptom) => ({ symptom }))] : [leafFact];
  const { cond } = fc.letrec((tie) => ({
    cond: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      ...leaves,
      fc.array(tie("cond"), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
      fc.array(tie("cond"), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
      tie("cond").map((not) => ({ not })),
    ),
  }));
  return cond;
}

function packArb(o) {
  const newSymptom = fc.record(
    {
      code: kebab,
      leaning: enumOr(LEANINGS, o),
      meaning: fc.constantFrom("Something went wrong.", "x"),
      aliases: fc.array(kebab, { maxLength: 2 }),
      phrases: fc.array(phraseArb(), { maxLength: 4 }),
    },
    { requiredKeys: ["code", "leaning", "meaning"] },
  );
  return fc.array(newSymptom, { maxLength: 3 }).chain((symptoms) => {
    const codes = [...symptoms.map((s) => s.code), ...SYMPTOM_CODES.slice(0, 10)];
    const controlIds = fc.constantFrom(...CONTROL_IDS, "CTL-ACME-NO-SECRETS-FOR-FORKS");
    const refs = fc.array(fc.oneof({ weight: 40, arbitrary: fc.constantFrom(...FRAMEWORK_IDS) }, { weight: 1, arbitrary: stringJunk }), { minLength: 1, maxLength: 4 });
    const rule = fc.tuple(fc.constantFrom(...SUBJECTS), fc.boolean()).chain(([subject, inventoryScope]) => {
      const scope = subject !== "incident" && inventoryScope ? "inventory" : "incident";
      return fc.record(
        {
          id: upperId,
          title: fc.constant("A fuzzed rule"),
          scope: fc.constant(scope),
          defect: enumOr(DEFECTS, o),
          severity: enumOr(SEVERITIES, o),
          weight: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 10, noNaN: true })),
          subject: fc.constant(subject),
          when: conditionArb(o, codes, subject, scope === "incident"),
          reasoning: fc.constant("Because the fuzzer says so."),
          controls: fc.array(controlIds, { minLength: 1, maxLength: 3 }),
          refs,
          encodes: fc.array(fc.constantFrom(...DOMAIN_KEYS, "acme.fork-builds-untrusted"), { maxLength: 2 }),
        },
        { requiredKeys: ["id", "title", "scope", "defect", "severity", "weight", "subject", "when", "reasoning", "controls", "refs"] },
      );
    });
    const control = fc.record(
      {
        id: fc.oneof({ weight: 10, arbitrary: fc.stringMatching(/^CTL-FUZZ-[A-Z0-9]{1,8}$/) }, { weight: 1, arbitrary: controlIds }),
        title: fc.constant("A fuzzed control"),
        layer: enumOr(LAYERS, o),
        what: fc.constant("Do the thing."),
        requires: fc.array(controlIds, { maxLength: 2 }),
        refs: fc.oneof(
          { weight: 12, arbitrary: fc.constantFrom(["NHI2:2025", "PR.AA-05", "MAESTRO-L4"], ["NHI7:2025", "PR.AA-01", "MAESTRO-X-SUPPLY-CHAIN"], ["NHI1:2025", "GV.RR-02", "MAESTRO-L7"]) },
          { weight: 1, arbitrary: refs },
        ),
      },
      { requiredKeys: ["id", "title", "layer", "what", "refs"] },
    );
    const change = fc.constantFrom(...CHANGES).chain((c) =>
      fc.record({ id: upperId, when: fc.option(conditionArb(o, codes, c.subject, false), { nil: undefined, freq: 2 }) }).map(({ id, when }) => noUndefined({ ...c, id, when: when ?? c.when })),
    );
    const question = fc.record(
      {
        id: kebab,
        kind: fc.constantFrom(...QUESTION_KINDS),
        text: fc.constant("A fuzzed question?"),
        when: fc.oneof(
          fc.constantFrom(...QUESTIONS.filter((q) => q.kind === "multi")).chain((q) => fc.constantFrom(...q.choices.map((c) => c.value)).map((v) => ({ answer: q.id, includes: v }))),
          fc.constantFrom({ inventory: true }, { inventory: false }, { answer: "seen", equals: "jobs" }, { answer: "nope", equals: true }),
        ),
        choices: fc.array(fc.record({ value: fc.oneof(kebab, fc.constantFrom("yes", "no")), label: fc.constant("A choice"), symptoms: fc.subarray(codes, { maxLength: 2 }), active: fc.boolean() }, { requiredKeys: ["value"] }), { maxLength: 3 }),
        field: fc.constantFrom("id", "title", "description"),
        required: fc.boolean(),
        list: fc.constantFrom("identities", "workflows", "agents"),
      },
      { requiredKeys: ["id", "kind", "text"] },
    );
    return fc.record({
      symptoms: fc.constant(symptoms),
      rules: fc.array(rule, { maxLength: 3 }),
      controls: fc.array(control, { maxLength: 2 }),
      changes: fc.array(change, { maxLength: 2 }),
      questions: opsList(question, 8, 2),
      description: textArb(o, uniq([...PHRASE_WORDS.slice(0, 50), ...symptoms.flatMap((s) => (s.phrases ?? []).flatMap((p) => String(p).split(/[\s|*~]+/))).filter(Boolean)])),
    });
  });
}

// ---------------------------------------------------------------------------------------
// Targets

/** Attaches a compact description, so a failing case prints readably (and not 1 MB of text). */
function asCase(c) {
  Object.defineProperty(c, fc.toStringMethod, { value: () => describeCase(c), enumerable: false });
  return c;
}

export function describeCase(c, max = 1500) {
  const show = (s) => (s.length > max ? `${JSON.stringify(s.slice(0, max))} … (${s.length} characters)` : JSON.stringify(s));
  const files = c.files.map((f) => `  $DIR/${f.path}${f.raw ? ` (bytes ${f.raw.bytes.map((b) => b.toString(16)).join(" ")} spliced in at ${f.raw.at})` : ""}:\n    ${show(f.text)}`);
  return `nhi-triage ${c.argv.map((a) => (/[\s"'$]/.test(a) && !a.startsWith("$DIR") ? JSON.stringify(a) : a)).join(" ")}\n${files.join("\n")}`;
}

const ext = fc.oneof({ weight: 8, arbitrary: fc.constant(".yaml") }, { weight: 1, arbitrary: fc.constant(".yml") }, { weight: 1, arbitrary: fc.constant(".json") });
const file = (path, doc) => ({ path, text: doc.text, ...(doc.raw ? { raw: doc.raw } : {}) });
const gateTail = fc.record({ format: fc.constantFrom(...GATE_FORMATS), strict: fc.boolean(), failOn: maybe(fc.constantFrom(...SEVERITIES), 1) });
const gateArgs = (t) => ["--format", t.format, ...(t.strict ? ["--strict"] : []), ...(t.failOn ? ["--fail-on", t.failOn] : []), "--now", NOW];

/** The long run's targets (`npm run fuzz`), which a replay must rebuild exactly: huge strings up to `hugeMax`. */
export function longRunTargets(hugeMax = 200_000) {
  return makeTargets({ hugeMax, deepMax: 300, nestMax: 10_000 });
}

/**
 * The fuzz targets. `hugeMax` bounds huge strings (characters), `deepMax` nested data,
 * `nestMax` nested flow collections in text.
 */
export function makeTargets(options = {}) {
  const o = { hugeMax: 20_000, deepMax: 200, nestMax: 5_000, ...options };
  const incidentDoc = fc.oneof(
    { weight: 3, arbitrary: documentArb(fromFixtures(FIXTURES.incidents), o) },
    { weight: 2, arbitrary: documentArb(incidentArb(o).map((data) => ({ data })), o, { dataWeight: 7, textWeight: 9 }) },
  );
  const inventoryDoc = fc.oneof(
    { weight: 3, arbitrary: documentArb(fromFixtures(FIXTURES.inventories), o) },
    { weight: 2, arbitrary: documentArb(inventoryArb(o).map((data) => ({ data })), o, { dataWeight: 7, textWeight: 9 }) },
  );
  const waiversDoc = fc.oneof(
    { weight: 2, arbitrary: documentArb(fromFixtures(FIXTURES.waivers), o) },
    { weight: 3, arbitrary: documentArb(waiversArb(o).map((data) => ({ data })), o, { dataWeight: 7, textWeight: 9 }) },
  );

  const analyze = fc
    .record({
      incidents: fc.array(fc.tuple(incidentDoc, ext), { minLength: 1, maxLength: 3 }),
      inventory: fc.boolean(),
      folder: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      format: fc.constantFrom(...ANALYZE_FORMATS),
      failOn: maybe(fc.constantFrom(...SEVERITIES), 1),
    })
    .map((r) => {
      const files = r.incidents.map(([doc, e], i) => file(`incident-${i}${e}`, doc));
      return asCase({
        target: "analyze",
        files,
        argv: [
          "--no-config", "analyze",
          ...(r.folder ? ["$DIR"] : files.map((f) => `$DIR/${f.path}`)),
          ...(r.inventory ? ["--inventory", FIXTURE_INVENTORY] : []),
          "--format", r.format,
          ...(r.failOn ? ["--fail-on", r.failOn] : []),
          "--now", NOW,
        ],
      });
    });

  // The inventory is the mutated input; the incidents name its ids (as generated or as in the fixtures).
  const analyzeInventory = fc
    .record({
      inventory: fc.oneof(
        { weight: 3, arbitrary: fc.tuple(inventoryDoc, fc.constantFrom(...FIXTURES.incidents.filter((d) => d.name.startsWith("fixtures/incidents/")))).map(([inv, inc]) => ({ inv, incidents: [{ text: inc.text }] })) },
        {
          weight: 2,
          arbitrary: inventoryArb(o).chain((data) => {
            const ids = { identities: (data.identities ?? []).map((e) => e.id), workflows: (data.workflows ?? []).map((e) => e.id), agents: (data.agents ?? []).map((e) => e.id) };
            const clean = (list) => list.filter((id) => typeof id === "string");
            const incidents = fc.array(
              incidentArb(o, { identities: clean(ids.identities), workflows: clean(ids.workflows), agents: clean(ids.agents) }).map((d) => ({ text: serialize(d, "block") })),
              { minLength: 1, maxLength: 2 },
            );
            return fc.record({ inv: documentArb(fc.constant({ data }), o, { dataWeight: 7, textWeight: 8 }), incidents });
          }),
        },
      ),
      inventoryExt: ext,
      format: fc.constantFrom(...ANALYZE_FORMATS),
    })
    .map((r) => {
      const inv = file(`inventory${r.inventoryExt}`, r.inventory.inv);
      const incidents = r.inventory.incidents.map((d, i) => file(`incident-${i}.yaml`, d));
      return asCase({
        target: "analyze-inventory",
        files: [inv, ...incidents],
        argv: ["--no-config", "analyze", ...incidents.map((f) => `$DIR/${f.path}`), "--inventory", `$DIR/${inv.path}`, "--format", r.format, "--now", NOW],
      });
    });

  const gateHead = fc.record({ head: inventoryDoc, headExt: ext, base: fc.constantFrom("none", "fixture", "self"), waivers: fc.boolean(), tail: gateTail }).map((r) => {
    const head = file(`head${r.headExt}`, r.head);
    return asCase({
      target: "gate-head",
      files: [head],
      argv: [
        "--no-config", "gate", `$DIR/${head.path}`,
        ...(r.base === "fixture" ? ["--base", FIXTURE_BASE] : r.base === "self" ? ["--base", FIXTURE_HEAD] : []),
        ...(r.waivers ? ["--waivers", FIXTURE_WAIVERS] : []),
        ...gateArgs(r.tail),
      ],
    });
  });

  const gateBase = fc
    .record({
      pair: fc.oneof(
        { weight: 2, arbitrary: fc.tuple(fc.constant({ text: fixture("fixtures/gate/head.yaml").text }), inventoryDoc) },
        // A generated head and a mutation of it as the base: entries in both, so change rules compare them.
        { weight: 2, arbitrary: inventoryArb(o).chain((data) => fc.tuple(fc.constant({ text: serialize(data, "block") }), documentArb(fc.constant({ data }), o, { dataWeight: 1, textWeight: 9 }))) },
      ),
      baseExt: ext,
      waivers: fc.boolean(),
      tail: gateTail,
    })
    .map((r) => {
      const head = file("head.yaml", r.pair[0]);
      const base = file(`base${r.baseExt}`, r.pair[1]);
      return asCase({
        target: "gate-base",
        files: [head, base],
        argv: ["--no-config", "gate", `$DIR/${head.path}`, "--base", `$DIR/${base.path}`, ...(r.waivers ? ["--waivers", FIXTURE_WAIVERS] : []), ...gateArgs(r.tail)],
      });
    });

  const gateWaivers = fc.record({ waivers: waiversDoc, waiversExt: ext, base: fc.boolean(), head: fc.constantFrom(FIXTURE_HEAD, FIXTURE_INVENTORY), tail: gateTail }).map((r) => {
    const waivers = file(`waivers${r.waiversExt}`, r.waivers);
    return asCase({
      target: "gate-waivers",
      files: [waivers],
      argv: ["--no-config", "gate", r.head, ...(r.base ? ["--base", FIXTURE_BASE] : []), "--waivers", `$DIR/${waivers.path}`, ...gateArgs(r.tail)],
    });
  });

  const interview = fc
    .boolean()
    .chain((hasInventory) =>
      fc.record({
        hasInventory: fc.constant(hasInventory),
        answers: fc.oneof(
          { weight: 2, arbitrary: documentArb(fromFixtures(FIXTURES.answers), o) },
          { weight: 3, arbitrary: documentArb(answersArb(o, hasInventory).map((data) => ({ data })), o, { dataWeight: 7, textWeight: 9 }) },
        ),
        answersExt: ext,
        format: fc.constantFrom(...INTERVIEW_FORMATS),
      }),
    )
    .map((r) => {
      const answers = file(`answers${r.answersExt}`, r.answers);
      return asCase({
        target: "interview",
        files: [answers],
        argv: ["--no-config", "interview", "--answers", `$DIR/${answers.path}`, ...(r.hasInventory ? ["--inventory", FIXTURE_INVENTORY] : []), "--format", r.format, "--now", NOW],
      });
    });

  // A rule pack folder: the fixture pack's files (mutated or not), or a broken pack's, plus
  // generated symptoms (with free-text phrases), rules, controls, change rules and questions.
  const packFile = (name) => documentArb(fc.constant(fixture(name)), o, { dataWeight: 3, textWeight: 6 });
  const PACK_FILES = {
    "rules/ci-forks.yaml": "fixtures/rule-pack/rules/ci-forks.yaml",
    "controls.yaml": "fixtures/rule-pack/controls.yaml",
    "domain.yaml": "fixtures/rule-pack/domain.yaml",
    "cases/ci-forks.yaml": "fixtures/rule-pack/cases/ci-forks.yaml",
    "cases/inventory.yaml": "fixtures/rule-pack/cases/inventory.yaml",
  };
  const rules = fc
    .record({
      base: fc.oneof(
        { weight: 6, arbitrary: fc.constant("rule-pack") },
        { weight: 3, arbitrary: fc.constant("none") },
        { weight: 1, arbitrary: fc.constantFrom("bad-condition", "cycle", "unknown-ref") },
      ),
      // At most one of the fixture pack's files mutated, so the others still load and the pack gets checked as a whole.
      mutated: fc.option(
        fc.constantFrom(...Object.keys(PACK_FILES)).chain((path) => packFile(PACK_FILES[path]).map((doc) => ({ path, doc }))),
        { nil: undefined, freq: 2 },
      ),
      generated: packArb(o),
      mutateGenerated: opsList(fc.tuple(fc.constantFrom("symptoms", "rules", "controls", "changes", "questions"), fc.array(dataOp(o), { minLength: 1, maxLength: 3 })), 7, 2),
      command: fc.constantFrom("rules-test", "analyze", "analyze", "gate", "interview", "rules-list"),
      format: fc.constantFrom(...ANALYZE_FORMATS),
    })
    .map((r) => {
      const files = [];
      if (r.base === "rule-pack") {
        for (const [path, name] of Object.entries(PACK_FILES)) files.push(r.mutated?.path === path ? file(path, r.mutated.doc) : { path, text: fixture(name).text });
      } else if (r.base === "bad-condition") files.push({ path: "rules/condition.yaml", text: fixture("fixtures/broken-packs/bad-condition/rules/condition.yaml").text });
      else if (r.base === "cycle") files.push({ path: "controls.yaml", text: fixture("fixtures/broken-packs/cycle/controls.yaml").text });
      else if (r.base === "unknown-ref") files.push({ path: "rules/refs.yaml", text: fixture("fixtures/broken-packs/unknown-ref/rules/refs.yaml").text });
      const g = r.generated;
      const docs = {
        symptoms: g.symptoms.length ? { apiVersion: API_VERSION, kind: "Symptoms", symptoms: g.symptoms } : undefined,
        rules: g.rules.length ? { apiVersion: API_VERSION, kind: "RuleSet", rules: g.rules } : undefined,
        controls: g.controls.length ? { apiVersion: API_VERSION, kind: "Controls", controls: g.controls } : undefined,
        changes: g.changes.length ? { apiVersion: API_VERSION, kind: "ChangeRules", changes: g.changes } : undefined,
        questions: g.questions.length ? { apiVersion: API_VERSION, kind: "Questions", intro: "More questions.", questions: g.questions } : undefined,
      };
      for (const [which, ops] of r.mutateGenerated) if (docs[which]) docs[which] = mutateData(docs[which], ops);
      const where = { symptoms: "symptoms.yaml", rules: "rules/fuzzed.yaml", controls: "controls.yaml", changes: "changes.yaml", questions: "questions.yaml" };
      for (const [which, data] of Object.entries(docs)) {
        if (data === undefined) continue;
        const existing = files.find((f) => f.path === where[which]);
        // The fixture pack has its own controls.yaml: add the generated controls to it when it still parses.
        if (existing) {
          let merged;
          try {
            const old = parse(existing.text);
            merged = old && Array.isArray(old.controls) && Array.isArray(data.controls) ? { ...old, controls: [...old.controls, ...data.controls] } : undefined;
          } catch {
            merged = undefined;
          }
          if (merged) existing.text = serialize(merged, "block");
        } else files.push({ path: where[which], text: serialize(data, "block") });
      }
      if (files.length === 0) files.push({ path: "domain.yaml", text: fixture("fixtures/rule-pack/domain.yaml").text });
      const example = { path: "examples/incident.yaml", text: serialize({ apiVersion: API_VERSION, kind: "Incident", id: "INC-FUZZ", description: g.description, affected: { identities: ["svc-deploy"] } }, "block") };
      files.push(example);
      const pack = ["--rules", "$DIR"];
      const argv = {
        "rules-test": ["--no-config", "rules", "test", "$DIR"],
        "rules-list": ["--no-config", "rules", "list", ...pack],
        analyze: ["--no-config", "analyze", `$DIR/${example.path}`, "--inventory", FIXTURE_INVENTORY, ...pack, "--format", r.format, "--now", NOW],
        gate: ["--no-config", "gate", FIXTURE_HEAD, "--base", FIXTURE_BASE, ...pack, "--now", NOW],
        interview: ["--no-config", "interview", "--answers", join(ROOT, "fixtures/answers/incidents/inc-01-retry-replays-migration.yaml"), "--inventory", FIXTURE_INVENTORY, ...pack, "--now", NOW],
      }[r.command];
      return asCase({ target: "rules", files, argv });
    });

  // The project config (--config FILE): defaults for inventory, waivers, rule packs and rule overrides.
  const configData = fc
    .record(
      {
        inventory: fc.constantFrom("head.yaml", FIXTURE_HEAD, FIXTURE_INVENTORY, "missing.yaml", "."),
        waivers: fc.constantFrom("waivers.yaml", FIXTURE_WAIVERS, "missing.yaml"),
        rulePacks: opsList(fc.oneof({ weight: 6, arbitrary: fc.constant(join(ROOT, "fixtures/rule-pack")) }, { weight: 1, arbitrary: fc.constantFrom("pack", "missing-pack", ".") }), 6, 2),
        failOn: enumOr(SEVERITIES, o),
        rules: fc.dictionary(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...RULE_IDS, ...GATE_RULE_IDS) }, { weight: 1, arbitrary: stringJunk }), enumOr(["off", ...SEVERITIES], o), { maxKeys: 4 }),
      },
      { requiredKeys: [] },
    )
    .map((c) => ({ data: { apiVersion: API_VERSION, kind: "Config", ...c } }));
  const config = fc
    .record({
      config: documentArb(configData, o, { dataWeight: 6, textWeight: 8 }),
      head: fc.boolean(),
      waivers: fc.boolean(),
      command: fc.constantFrom("gate", "analyze", "interview"),
    })
    .map((r) => {
      const files = [file(".nhi-triage.yaml", r.config)];
      if (r.head) files.push({ path: "head.yaml", text: fixture("fixtures/gate/head.yaml").text });
      if (r.waivers) files.push({ path: "waivers.yaml", text: fixture("fixtures/gate/waivers.yaml").text });
      const incident = join(ROOT, "fixtures/incidents/inc-01-retry-replays-migration.yaml");
      const argv = {
        gate: ["--config", "$DIR/.nhi-triage.yaml", "gate", "--now", NOW],
        analyze: ["--config", "$DIR/.nhi-triage.yaml", "analyze", incident, "--now", NOW],
        interview: ["--config", "$DIR/.nhi-triage.yaml", "interview", "--answers", join(ROOT, "fixtures/answers/incidents/inc-01-retry-replays-migration.yaml"), "--now", NOW],
      }[r.command];
      return asCase({ target: "config", files, argv });
    });

  return [
    { name: "analyze", weight: 4, arbitrary: analyze },
    { name: "analyze-inventory", weight: 3, arbitrary: analyzeInventory },
    { name: "gate-head", weight: 3, arbitrary: gateHead },
    { name: "gate-base", weight: 2, arbitrary: gateBase },
    { name: "gate-waivers", weight: 2, arbitrary: gateWaivers },
    { name: "interview", weight: 3, arbitrary: interview },
    { name: "rules", weight: 3, arbitrary: rules },
    { name: "config", weight: 1, arbitrary: config },
  ];
}
