import { allCommands, optionsOf, type CompletionCommand } from "./completionSpec.js";

/** A word in single quotes, for sh, bash and zsh alike. */
export function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

const words = (list: readonly string[]) => list.map(shQuote).join(" ");

/**
 * The program's commands, options and choices as shell functions keyed by the command path
 * (`''`, `'gate'`, `'rules list'`), in the syntax bash and zsh share. `_commands PATH` and
 * `_options PATH` print words; `_value PATH OPTION` prints an option's choices (none: any
 * value) and returns 0 when a value must follow, 2 when one may, 1 for a switch; `_arg PATH
 * N` prints the choices of the Nth argument and returns 1 when there is no such argument.
 */
export function shDataFunctions(root: CompletionCommand, fn: string, describe: boolean): string {
  const commands = allCommands(root);
  const pair = (name: string, description: string) => (describe ? `${name.replace(/:/g, "\\:")}:${description}` : name);
  const lines: string[] = [];
  lines.push(`${fn}_commands() {`, `  case "$1" in`);
  for (const c of commands.filter((c) => c.commands.length)) lines.push(`    ${shQuote(c.path)}) printf '%s\\n' ${words(c.commands.map((s) => pair(s.name, s.description)))} ;;`);
  lines.push("  esac", "}", "");

  lines.push(`${fn}_options() {`, `  case "$1" in`);
  for (const c of commands) lines.push(`    ${shQuote(c.path)}) printf '%s\\n' ${words(optionsOf(c, root).flatMap((o) => o.names.map((n) => pair(n, o.description))))} ;;`);
  lines.push("  esac", "}", "");

  lines.push(`${fn}_value() {`, `  case "$1|$2" in`);
  // A command's own options first: case takes the first pattern that matches.
  const valueCase = (pattern: string, o: CompletionCommand["options"][number]) =>
    `    ${pattern}) ${o.choices.length ? `printf '%s\\n' ${words(o.choices)}; ` : ""}return ${o.value === "required" ? 0 : 2} ;;`;
  for (const c of commands.filter((c) => c !== root)) {
    for (const o of c.options.filter((o) => o.value !== "none")) lines.push(valueCase(o.names.map((n) => shQuote(`${c.path}|${n}`)).join("|"), o));
  }
  for (const o of root.options.filter((o) => o.value !== "none")) lines.push(valueCase(o.names.map((n) => `*${shQuote(`|${n}`)}`).join("|"), o));
  lines.push("    *) return 1 ;;", "  esac", "}", "");

  lines.push(`${fn}_arg() {`, `  case "$1|$2" in`);
  for (const c of commands) {
    c.args.forEach((a, i) => {
      const pattern = a.variadic && i === c.args.length - 1 ? `${shQuote(`${c.path}|`)}*` : shQuote(`${c.path}|${i}`);
      lines.push(`    ${pattern}) ${a.choices.length ? `printf '%s\\n' ${words(a.choices)}` : ":"} ;;`);
    });
  }
  lines.push("    *) return 1 ;;", "  esac", "}", "");

  lines.push(
    `${fn}_has() {`,
    '  local word="$1" w',
    "  shift",
    '  for w in "$@"; do [[ "$w" == "$word" ]] && return 0; done',
    "  return 1",
    "}",
  );
  return lines.join("\n");
}

/**
 * The walk over the words before the cursor, in bash and zsh alike: a subcommand deepens
 * `cmdpath`, an option that needs a value skips it, any other word is an argument (`n`
 * counts them). `first` is the index of the word after the program's name.
 */
export function shWalk(fn: string, wordsVar: string, first: number, cursor: string): string[] {
  return [
    `  for ((i = ${first}; i < ${cursor}; i++)); do`,
    `    word="\${${wordsVar}[i]}"`,
    '    if [[ "$word" == -* ]]; then',
    // bash splits `--format=sarif` at the "=" into three words; zsh keeps it one.
    `      if [[ "\${${wordsVar}[i+1]}" == "=" ]]; then i=$((i + 2))`,
    `      elif [[ "$word" != *=* ]] && { ${fn}_value "$cmdpath" "$word" >/dev/null; [[ $? == 0 ]]; }; then i=$((i + 1)); fi`,
    "      continue",
    "    fi",
    `    if ((n == 0)) && ${fn}_has "$word" $(${fn}_commands "$cmdpath" | cut -d: -f1); then`,
    '      cmdpath="${cmdpath:+$cmdpath }$word"',
    "      continue",
    "    fi",
    "    n=$((n + 1))",
    "  done",
  ];
}
