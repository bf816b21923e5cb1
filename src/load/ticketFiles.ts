import { basename, extname } from "node:path";

/** What a folder scan reads: incidents in YAML, tickets as JSON exports, Markdown or plain text. */
export const SCANNED = /\.(?:ya?ml|json|md|markdown|txt)$/i;

/** Markdown and text files that sit in many folders and are about the folder, not an incident. */
const ABOUT_THE_FOLDER = /^(?:readme|changelog|changes|history|contributing|license|licence|copying|notice|authors|code_of_conduct|security|support|pull_request_template|issue_template|requirements|robots)(?:[._-].*)?$/i;

/**
 * Whether a folder scan passes over `file` by its name alone (naming it on the command line
 * still reads it as a ticket). JSON and YAML are told apart by their content instead.
 */
export function aboutTheFolder(file: string): boolean {
  return /^\.(?:md|markdown|txt)$/i.test(extname(file)) && ABOUT_THE_FOLDER.test(basename(file, extname(file)));
}
