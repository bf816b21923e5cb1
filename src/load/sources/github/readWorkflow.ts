import { diagnostic, InputError } from "../../diagnostic.js";
import { readYaml } from "../../readYaml.js";
import { redactDocument, type SecretHit } from "../../../redact/redactDocument.js";
import type { SourceDoc } from "../../sourceDoc.js";

export interface WorkflowDoc {
  doc: SourceDoc;
  /** Credential-like values written in the file; the data holds their markers instead. */
  secrets: SecretHit[];
}

/** A mapping with `on:` and `jobs:` (a mapping) is a workflow, wherever the file sits. */
export function isWorkflowData(data: unknown): data is Record<string, unknown> {
  if (data === null || typeof data !== "object" || Array.isArray(data)) return false;
  const d = data as Record<string, unknown>;
  return "on" in d && d.jobs !== null && typeof d.jobs === "object" && !Array.isArray(d.jobs);
}

/** Top-level `on:` and `jobs:` lines: a file that fails to parse but was meant as a workflow. */
const LOOKS_LIKE_WORKFLOW = /^(?:on|"on"|'on')\s*:/m;
const HAS_JOBS = /^jobs\s*:/m;

/**
 * The file's document when it is a workflow, undefined when it is some other YAML. A
 * syntax error is an input error when the file was expected to be a workflow (named, or
 * under .github/workflows) or looks like one; other broken YAML is not ours to judge.
 */
export function readWorkflow(file: string, text: string, expected: boolean): WorkflowDoc | undefined {
  const meant = expected || (LOOKS_LIKE_WORKFLOW.test(text) && HAS_JOBS.test(text));
  if (text.trim() === "") {
    if (expected) throw new InputError([diagnostic(file, { line: 1, column: 1 }, "empty file: expected a GitHub Actions workflow")], new Map([[file, text]]));
    return undefined;
  }
  const parsed = readYaml(file, text);
  if (!parsed.ok) {
    if (meant) throw new InputError(parsed.diagnostics, new Map([[file, text]]));
    return undefined;
  }
  // Before anything reads the data, so no value of a credential written in the file is ever copied.
  if (isWorkflowData(parsed.doc.data)) return { doc: parsed.doc, secrets: redactDocument(parsed.doc) };
  if (expected) {
    throw new InputError([diagnostic(file, parsed.doc.locate([]), "not a GitHub Actions workflow: expected a mapping with `on:` and `jobs:`")], new Map([[file, text]]));
  }
  return undefined;
}
