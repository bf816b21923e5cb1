import { join } from "node:path";
import type { z } from "zod";
import { compileDetectors } from "../engine/detectSymptoms.js";
import { byPosition, diagnostic, InputError, UsageError, type Diagnostic } from "./diagnostic.js";
import { loadDocument, type Loaded } from "./loadDocument.js";
import { packFileProblem, packFolderFiles, packRoot, readPackFile } from "./packFiles.js";
import { PACK_LIMITS, type CatalogEntry, type Origin, type RulePack } from "./rulePack.js";
import { ChangesFile, ControlsFile, CrosswalkFile, DomainFile, FrameworkFile, RulesFile, SymptomsFile } from "./schema/rules.js";
import type { ChangeRule, Control, Rule, Symptom } from "./schema/rules.js";
import { validatePack, type Located } from "./validatePack.js";
import { QuestionsFile, type Question } from "./schema/questions.js";
import { validateQuestions } from "./validateQuestions.js";
import { DecisionFile } from "./schema/decision.js";
import { mergeDecisionSettings, type DecisionPart } from "./mergeDecisionSettings.js";
import { ContextFile, type ContextTrigger } from "./schema/context.js";
import { validateContext } from "./validateContext.js";
import { ConceptsFile, type Concept } from "./schema/concepts.js";
import { PrivilegesFile, type PrivilegeClass } from "./schema/privileges.js";
import { privilegeVocabulary } from "../engine/privilegeVocabulary.js";
import { validateConcepts } from "./validateConcepts.js";
import { compareStrings } from "../engine/compare.js";
import { exists } from "./pathKind.js";
import { didYouMean } from "./closest.js";

/** A folder given as a rule pack holds none of a pack's files; `dir` is as given, so a config can point at its entry. */
export class NotAPack extends UsageError {
  constructor(readonly dir: string) {
    super(`${dir}: ${NotAPack.why}`);
  }
  static readonly why = "not a rule pack (expected symptoms.yaml, context.yaml, concepts.yaml, privileges.yaml, controls.yaml, changes.yaml, questions.yaml, decision.yaml, rules/*.yaml or frameworks/*.yaml)";
}

/**
 * Loads the built-in pack and any extra packs, then validates them as one whole:
 * every problem in every file is collected before anything is reported.
 */
export async function loadRulePack(dirs: readonly string[]): Promise<RulePack> {
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const symptoms: Located<Symptom>[] = [];
  const rules: Located<Rule>[] = [];
  const controls: Located<Control>[] = [];
  const changes: Located<ChangeRule>[] = [];
  const questions: Located<Question>[] = [];
  const triggers: Located<ContextTrigger>[] = [];
  const terminators: Located<string>[] = [];
  const concepts: Located<Concept>[] = [];
  const privilegeClasses: Located<PrivilegeClass>[] = [];
  const intros: string[] = [];
  const catalog = new Map<string, CatalogEntry>();
  const catalogOrigins = new Map<string, Origin>();
  const parents: ParentRef[] = [];
  const crosswalk = new Map<string, string[]>();
  const domain: Array<{ key: string; text: string }> = [];
  const decisionParts: DecisionPart[] = [];

  // Files a pack may not read (outside its folder, over a limit) are reported, never read.
  const refused = new Set<string>();
  const load = async <S extends z.ZodType>(file: string, schema: S, kind?: string): Promise<Loaded<z.infer<S>> | undefined> => {
    if (refused.has(file)) return undefined;
    try {
      const text = await readPackFile(file);
      sources.set(file, text);
      return loadDocument(file, text, schema, kind);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      diagnostics.push(...e.diagnostics);
      return undefined;
    }
  };

  for (const dir of dirs) {
    const root = await packRoot(dir);
    const notAPack = () => new NotAPack(dir);
    if (root === undefined) throw notAPack();
    const rulesFolder = await packFolderFiles(root, join(dir, "rules"), dir);
    const frameworksFolder = await packFolderFiles(root, join(dir, "frameworks"), dir);
    // Cases are loaded by the commands that run them, but belong to the pack all the same.
    const casesFolder = await packFolderFiles(root, join(dir, "cases"), dir);
    diagnostics.push(...rulesFolder.problems, ...frameworksFolder.problems, ...casesFolder.problems);
    const parts = {
      symptoms: join(dir, "symptoms.yaml"),
      context: join(dir, "context.yaml"),
      concepts: join(dir, "concepts.yaml"),
      privileges: join(dir, "privileges.yaml"),
      controls: join(dir, "controls.yaml"),
      domain: join(dir, "domain.yaml"),
      changes: join(dir, "changes.yaml"),
      questions: join(dir, "questions.yaml"),
      decision: join(dir, "decision.yaml"),
      rules: rulesFolder.files,
      frameworks: frameworksFolder.files,
    };
    const has = {
      symptoms: await exists(parts.symptoms),
      context: await exists(parts.context),
      concepts: await exists(parts.concepts),
      privileges: await exists(parts.privileges),
      controls: await exists(parts.controls),
      domain: await exists(parts.domain),
      changes: await exists(parts.changes),
      questions: await exists(parts.questions),
      decision: await exists(parts.decision),
    };
    if (!Object.values(has).some(Boolean) && parts.rules.length === 0 && parts.frameworks.length === 0 && rulesFolder.problems.length + frameworksFolder.problems.length === 0) {
      throw notAPack();
    }
    const all = [
      ...(["symptoms", "context", "concepts", "privileges", "controls", "domain", "changes", "questions", "decision"] as const).filter((k) => has[k]).map((k) => parts[k]),
      ...parts.rules,
      ...parts.frameworks,
      ...casesFolder.files,
    ];
    for (const [i, file] of all.entries()) {
      if (i >= PACK_LIMITS.files) {
        diagnostics.push(diagnostic(file, { line: 1, column: 1 }, `the rule pack ${dir} holds ${all.length} YAML files; the limit is ${PACK_LIMITS.files}`));
        for (const rest of all.slice(i)) refused.add(rest);
        break;
      }
      const problem = await packFileProblem(root, file, dir);
      if (problem) {
        diagnostics.push(problem);
        refused.add(file);
      }
    }
    const rulesStart = rules.length;
    const changesStart = changes.length;
    if (has.symptoms) {
      const f = await load(parts.symptoms, SymptomsFile, "Symptoms");
      f?.value.symptoms.forEach((value, i) => symptoms.push({ value, doc: f.doc, path: ["symptoms", i] }));
    }
    if (has.context) {
      const f = await load(parts.context, ContextFile, "Context");
      f?.value.triggers.forEach((value, i) => triggers.push({ value, doc: f.doc, path: ["triggers", i] }));
      f?.value.terminators?.forEach((value, i) => terminators.push({ value, doc: f.doc, path: ["terminators", i] }));
    }
    if (has.concepts) {
      const f = await load(parts.concepts, ConceptsFile, "Concepts");
      f?.value.concepts.forEach((value, i) => concepts.push({ value, doc: f.doc, path: ["concepts", i] }));
    }
    if (has.privileges) {
      const f = await load(parts.privileges, PrivilegesFile, "Privileges");
      f?.value.broad.forEach((value, i) => privilegeClasses.push({ value, doc: f.doc, path: ["broad", i] }));
    }
    if (has.controls) {
      const f = await load(parts.controls, ControlsFile, "Controls");
      f?.value.controls.forEach((value, i) => controls.push({ value, doc: f.doc, path: ["controls", i] }));
    }
    if (has.domain) {
      const f = await load(parts.domain, DomainFile, "DomainReasoning");
      for (const line of f?.value.lines ?? []) domain.push(line);
    }
    if (has.questions) {
      const f = await load(parts.questions, QuestionsFile, "Questions");
      f?.value.questions.forEach((value, i) => questions.push({ value, doc: f.doc, path: ["questions", i] }));
      if (f) intros.push(f.value.intro);
    }
    if (has.decision) {
      const f = await load(parts.decision, DecisionFile, "DecisionSettings");
      if (f) decisionParts.push({ value: f.value.decision, doc: f.doc });
    }
    if (has.changes) {
      const f = await load(parts.changes, ChangesFile, "ChangeRules");
      f?.value.changes.forEach((value, i) => changes.push({ value, doc: f.doc, path: ["changes", i] }));
    }
    for (const file of parts.rules) {
      const f = await load(file, RulesFile, "RuleSet");
      f?.value.rules.forEach((value, i) => rules.push({ value, doc: f.doc, path: ["rules", i] }));
    }
    const own: Located<unknown>[] = [...rules.slice(rulesStart), ...changes.slice(changesStart)];
    const over = own[PACK_LIMITS.rules];
    if (over) {
      diagnostics.push(diagnostic(over.doc.file, over.doc.locate(over.path), `the rule pack ${dir} defines ${own.length} rules and change rules; the limit is ${PACK_LIMITS.rules}`));
    }
    for (const file of parts.frameworks) {
      if (file.endsWith("crosswalk.yaml")) {
        const f = await load(file, CrosswalkFile);
        f?.value.crosswalk.forEach((row) => crosswalk.set(row.from, row.to));
        continue;
      }
      const f = await load(file, FrameworkFile);
      f?.value.entries.forEach((entry, i) => {
        const origin = { file, ...(f.doc.locate(["entries", i]) ?? { line: 0, column: 0 }) };
        const prev = catalogOrigins.get(entry.id);
        if (prev) {
          diagnostics.push(diagnostic(file, origin, `framework id "${entry.id}" is already defined at ${prev.file}:${prev.line}`));
          return;
        }
        catalogOrigins.set(entry.id, origin);
        catalog.set(entry.id, { ...entry, framework: f.value.framework, group: f.value.group, order: catalog.size });
        if (entry.parent !== undefined) parents.push({ file, at: f.doc.locate(["entries", i, "parent"]) ?? origin, id: entry.id, parent: entry.parent });
      });
    }
  }
  diagnostics.push(...parentProblems(parents, catalog));

  const checked = validatePack({ symptoms, rules, changes, controls, catalog, crosswalk, domain });
  diagnostics.push(...checked.diagnostics);
  const symptomCodes = new Set(symptoms.map((s) => s.value.code));
  diagnostics.push(...validateQuestions(questions, symptomCodes));
  diagnostics.push(...validateContext(triggers, terminators));
  diagnostics.push(...validateConcepts(concepts, symptoms));
  // A pack may add classes, never redefine one: what counts as broad only grows.
  const classIds = new Map<string, Located<PrivilegeClass>>();
  for (const c of privilegeClasses) {
    const prev = classIds.get(c.value.id);
    if (prev) {
      const at = prev.doc.locate(prev.path) ?? { line: 0, column: 0 };
      diagnostics.push(diagnostic(c.doc.file, c.doc.locate([...c.path, "id"]) ?? { line: 1, column: 1 }, `privilege class "${c.value.id}" is already defined at ${prev.doc.file}:${at.line}`));
    } else classIds.set(c.value.id, c);
  }
  const decision = mergeDecisionSettings(decisionParts, symptomCodes, join(dirs[0] ?? ".", "decision.yaml"));
  diagnostics.push(...decision.diagnostics);
  if (diagnostics.some((d) => d.severity === "error") || !decision.settings) throw new InputError(diagnostics.sort(byPosition), sources);

  const symptomMap = new Map(symptoms.map((s) => [s.value.code, s.value]));
  return {
    symptoms: symptomMap,
    aliases: new Map([...symptomMap.values()].flatMap((s) => (s.aliases ?? []).map((a) => [a, s.code] as const))),
    rules: [...rules.map((r) => r.value)].sort((a, b) => compareStrings(a.id, b.id)),
    changes: [...changes.map((c) => c.value)].sort((a, b) => compareStrings(a.id, b.id)),
    questions: questions.map((q) => q.value),
    intro: intros.join("\n\n"),
    controls: new Map(controls.map((c) => [c.value.id, c.value])),
    catalog,
    crosswalk,
    domain,
    detectors: compileDetectors([...symptomMap.values()], { triggers: triggers.map((t) => t.value), terminators: terminators.map((t) => t.value) }, concepts.map((c) => c.value)),
    decision: decision.settings,
    privileges: privilegeVocabulary(privilegeClasses.map((c) => c.value)),
    origins: new Map([...checked.origins, ...catalogOrigins]),
  };
}

interface ParentRef {
  file: string;
  at: { line: number; column: number };
  id: string;
  parent: string;
}

/** A catalog entry's parent is an entry of the same framework, and following parents ends. */
function parentProblems(refs: readonly ParentRef[], catalog: ReadonlyMap<string, CatalogEntry>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const r of refs) {
    const own = catalog.get(r.id)!;
    const parent = catalog.get(r.parent);
    if (!parent) {
      const same = [...catalog.values()].filter((e) => e.framework === own.framework).map((e) => e.id);
      out.push(diagnostic(r.file, r.at, `parent "${r.parent}" of "${r.id}" is not in the catalog${didYouMean(r.parent, same)}`));
    } else if (parent.framework !== own.framework) {
      out.push(diagnostic(r.file, r.at, `parent "${r.parent}" of "${r.id}" belongs to ${parent.framework}, not ${own.framework}`));
    } else {
      const seen = new Set([r.id]);
      for (let p: CatalogEntry | undefined = parent; p; p = p.parent === undefined ? undefined : catalog.get(p.parent)) {
        if (seen.has(p.id)) {
          out.push(diagnostic(r.file, r.at, `parent "${r.parent}" of "${r.id}" leads back to "${p.id}": parents must form a tree`));
          break;
        }
        seen.add(p.id);
      }
    }
  }
  return out;
}
