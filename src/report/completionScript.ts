import { completionBash } from "./completionBash.js";
import { completionFish } from "./completionFish.js";
import type { CompletionCommand, CompletionShell } from "./completionSpec.js";
import { completionZsh } from "./completionZsh.js";

const SCRIPTS = { bash: completionBash, zsh: completionZsh, fish: completionFish } satisfies Record<CompletionShell, (root: CompletionCommand) => string>;

/** The completion script for one shell. */
export function completionScript(shell: CompletionShell, root: CompletionCommand): string {
  return SCRIPTS[shell](root);
}
