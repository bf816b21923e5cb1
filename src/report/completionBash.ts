import type { CompletionCommand } from "./completionSpec.js";
import { shDataFunctions, shWalk } from "./completionShData.js";

const FN = "_nhi_triage";

/** A bash completion script for the program: `complete -F` over its commands, options and choices. */
export function completionBash(root: CompletionCommand): string {
  return [
    `# bash completion for ${root.name}, written by \`${root.name} completion bash\` from the program's own commands.`,
    `# In this shell: source <(${root.name} completion bash)`,
    `# In every shell: ${root.name} completion bash > ~/.local/share/bash-completion/completions/${root.name}`,
    "",
    shDataFunctions(root, FN, false),
    "",
    `${FN}() {`,
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" cmdpath="" word choices i n=0 st',
    ...shWalk(FN, "COMP_WORDS", 1, "COMP_CWORD"),
    "  # `--format=<TAB>` arrives as --format, = and the word being typed.",
    '  if [[ "$cur" == "=" ]]; then cur=""; elif [[ "$prev" == "=" ]]; then prev="${COMP_WORDS[COMP_CWORD-2]}"; fi',
    '  if [[ "$prev" == -* ]]; then',
    `    choices="$(${FN}_value "$cmdpath" "$prev")"; st=$?`,
    '    if ((st == 0)) || { ((st == 2)) && [[ "$cur" != -* ]]; }; then',
    '      if [[ -n "$choices" ]]; then COMPREPLY=($(compgen -W "$choices" -- "$cur")); else compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")); fi',
    "      return 0",
    "    fi",
    "  fi",
    '  if [[ "$cur" == -* ]]; then',
    `    COMPREPLY=($(compgen -W "$(${FN}_options "$cmdpath")" -- "$cur"))`,
    "    return 0",
    "  fi",
    `  choices="$(${FN}_commands "$cmdpath")"`,
    '  if ((n == 0)) && [[ -n "$choices" ]]; then',
    '    COMPREPLY=($(compgen -W "$choices" -- "$cur"))',
    "    return 0",
    "  fi",
    `  choices="$(${FN}_arg "$cmdpath" "$n")" || return 0`,
    '  if [[ -n "$choices" ]]; then COMPREPLY=($(compgen -W "$choices" -- "$cur")); else compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")); fi',
    "}",
    "",
    `complete -F ${FN} ${root.name}`,
    "",
  ].join("\n");
}
