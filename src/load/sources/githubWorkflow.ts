import type { Diagnostic } from "../diagnostic.js";
import type { SecretHit } from "../../redact/redactDocument.js";
import { readWorkflow } from "./github/readWorkflow.js";
import type { WorkflowFacts } from "./github/types.js";
import { workflowFacts } from "./github/workflowFacts.js";

export interface GithubWorkflow {
  facts: WorkflowFacts;
  /** Problems that leave a fact unknown without making the file unreadable. */
  warnings: Diagnostic[];
  /** Credential-like values written in the file itself, with their places; never copied. */
  secrets: SecretHit[];
}

/**
 * The GitHub Actions source: a workflow's facts, or undefined when the file is some other
 * YAML. Throws an InputError for a file that should be a workflow and cannot be read as one.
 */
export function githubWorkflow(file: string, text: string, expected: boolean): GithubWorkflow | undefined {
  const read = readWorkflow(file, text, expected);
  if (!read) return undefined;
  return { ...workflowFacts(read.doc), secrets: read.secrets };
}
