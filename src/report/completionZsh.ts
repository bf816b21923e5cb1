import type { CompletionCommand } from "./completionSpec.js";
import { shDataFunctions, shWalk } from "./completionShData.js";

const FN = "_nhi_triage";

/** A zsh completion script for the program, with each command's and option's description. */
export function completionZsh(root: CompletionCommand): string {
  return [
    `#compdef ${root.name}`,
    `# zsh completion for ${root.name}, written by \`${root.name} completion zsh\` from the program's own commands.`,
    `# In this shell (after compinit): source <(${root.name} completion zsh)`,
    `# In every shell: ${root.name} completion zsh > "\${fpath[1]}/_${root.name}"`,
    "",
    shDataFunctions(root, FN, true),
    "",
    `${FN}() {`,
    // Not `path`: in zsh that is $PATH as an array.
    '  local cur="${words[CURRENT]}" prev="${words[CURRENT-1]}" cmdpath="" word choices st',
    "  local -i i n=0",
    "  local -a items",
    ...shWalk(FN, "words", 2, "CURRENT"),
    '  if [[ "$cur" == -*=* ]]; then',
    '    prev="${cur%%=*}"',
    "    compset -P '*='",
    '    cur="${cur#*=}"',
    "  fi",
    '  if [[ "$prev" == -* ]]; then',
    `    choices="$(${FN}_value "$cmdpath" "$prev")"; st=$?`,
    '    if ((st == 0)) || { ((st == 2)) && [[ "$cur" != -* ]]; }; then',
    '      if [[ -n "$choices" ]]; then compadd -- ${(f)choices}; else _files; fi',
    "      return",
    "    fi",
    "  fi",
    '  if [[ "$cur" == -* ]]; then',
    `    items=(\${(f)"$(${FN}_options "$cmdpath")"})`,
    "    _describe -t options option items",
    "    return",
    "  fi",
    `  items=(\${(f)"$(${FN}_commands "$cmdpath")"})`,
    "  if ((n == 0 && ${#items})); then",
    "    _describe -t commands command items",
    "    return",
    "  fi",
    `  choices="$(${FN}_arg "$cmdpath" "$n")" || return 1`,
    '  if [[ -n "$choices" ]]; then compadd -- ${(f)choices}; else _files; fi',
    "}",
    "",
    `compdef ${FN} ${root.name}`,
    // Autoloaded from $fpath, this file's body is the function `_nhi-triage`: complete now.
    `if [[ "\${funcstack[1]}" == "_${root.name}" ]]; then ${FN} "$@"; fi`,
    "",
  ].join("\n");
}
