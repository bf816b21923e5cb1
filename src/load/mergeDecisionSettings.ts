import { didYouMean } from "./closest.js";
import { diagnostic, type Diagnostic } from "./diagnostic.js";
import { DecisionSettings, type DecisionSettingsPart } from "./schema/decision.js";
import type { SourceDoc } from "./sourceDoc.js";

/** One pack's decision.yaml, as read. */
export interface DecisionPart {
  value: DecisionSettingsPart;
  doc: SourceDoc;
}

const BANDS = ["decided", "balanced", "boundary"] as const;

/**
 * The settings the engine decides with: each pack's fields replace the ones before (a
 * confidence entry at a time), standing conditions are added up. The whole is then checked
 * as one: every field set somewhere, lead within boundaryLead, no band above 1, conditions
 * that name real symptoms. Each problem points at the file that set the value.
 */
export function mergeDecisionSettings(parts: readonly DecisionPart[], symptoms: ReadonlySet<string>, where: string): { settings?: DecisionSettings; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  if (parts.length === 0) return { diagnostics: [diagnostic(where, { line: 1, column: 1 }, "no decision settings: the built-in pack's decision.yaml (kind: DecisionSettings) is missing")] };
  const merged: Record<string, unknown> = {};
  const confidence: Record<string, unknown> = {};
  const setBy = new Map<string, DecisionPart>();
  const conditions: string[] = [];
  for (const part of parts) {
    for (const [key, value] of Object.entries(part.value)) {
      if (key === "confidence") {
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          confidence[k] = v;
          setBy.set(`confidence.${k}`, part);
        }
      } else if (key === "standingConditions") {
        (value as string[]).forEach((code, i) => {
          if (!symptoms.has(code)) out.push(diagnostic(part.doc.file, part.doc.locate(["decision", key, i]), `unknown symptom "${code}"${didYouMean(code, symptoms)}`));
          if (!conditions.includes(code)) conditions.push(code);
        });
      } else {
        merged[key] = value;
        setBy.set(key, part);
      }
    }
  }
  merged.confidence = confidence;
  merged.standingConditions = conditions;
  const last = parts[parts.length - 1]!;
  const at = (key: string, message: string) => {
    const part = setBy.get(key) ?? last;
    out.push(diagnostic(part.doc.file, part.doc.locate(["decision", ...key.split(".")]), message));
  };
  const parsed = DecisionSettings.safeParse(merged);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.join(".");
      at(key.split(".").slice(0, 2).join("."), `decision settings lack ${key}: no pack sets it (the built-in rules/decision.yaml does)`);
    }
    return { diagnostics: out };
  }
  const s = parsed.data;
  if (s.lead > s.boundaryLead) at(setBy.get("boundaryLead") === last ? "boundaryLead" : "lead", `lead ${s.lead} is above boundaryLead ${s.boundaryLead}: a blurred boundary must need at least as clear a lead as any call`);
  for (const band of BANDS) {
    const { base, span } = s.confidence[band];
    if (base + span > 1) at(`confidence.${band}`, `confidence.${band}: base ${base} + span ${span} is above 1`);
  }
  return out.length ? { diagnostics: out } : { settings: s, diagnostics: out };
}
