import type { Diagnostic } from "../load/diagnostic.js";
import type { Identity, Workflow } from "../load/schema/inventory.js";
import type { SourceKind } from "../load/schema/source.js";
import type { SourceFile } from "../load/sources/sourceFiles.js";
import type { SecretHit } from "../redact/redactDocument.js";
import type { DiscoverSettings } from "./discoverSettings.js";

/** What one kind of source adds to the inventory. */
export interface Discovered {
  /** May repeat an id across files (a repository secret used by several workflows): merged by id. */
  identities: Identity[];
  workflows: Workflow[];
}

export interface SourceRead<F> {
  facts: F;
  /** Problems that leave a fact unknown without making the file unreadable. */
  warnings: Diagnostic[];
  /** Credential-like values written in the file itself, with their places; never copied. */
  secrets: SecretHit[];
  /** The text excerpts may show, when the reader knows values the detectors would not mask. */
  shownText?: string;
}

/**
 * One kind of source (GitHub Actions workflows, Kubernetes manifests, a cloud export…).
 * Reading is per file; mapping sees every file of the kind at once, because a source's
 * references cross files (a RoleBinding names a ServiceAccount defined elsewhere).
 */
export interface SourceReader<F> {
  kind: SourceKind;
  /** What the reader expects, for messages: "a GitHub Actions workflow (a mapping with `on:` and `jobs:`)". */
  label: string;
  /** The file as a message names it: "workflow", "manifest", "credential report". */
  noun: string;
  /** File names a folder walk collects for this reader. */
  collects: RegExp;
  /** A file that is this kind by its name alone (a workflow under .github/workflows): unreadable is then an error. */
  claims?(rel: string): boolean;
  /**
   * The file's facts, or undefined when its content is some other kind. Throws an InputError
   * when the file is this kind (or `mustBe`) and cannot be read as one.
   */
  read(file: SourceFile, text: string, mustBe: boolean): SourceRead<F> | undefined;
  map(files: ReadonlyArray<{ file: SourceFile; facts: F }>, settings: DiscoverSettings): Discovered;
}

/** Lets readers with different fact types sit in one list. */
export type AnySourceReader = SourceReader<unknown>;
export const sourceReader = <F>(r: SourceReader<F>): AnySourceReader => r as unknown as AnySourceReader;
