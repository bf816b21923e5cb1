import { allCommands, type CompletionCommand, type CompletionOption } from "./completionSpec.js";

/** A word in fish's single quotes, where only \ and ' are special. */
function fishQuote(s: string): string {
  return `'${s.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** A fish completion script for the program: one `complete` line per command, option and choice. */
export function completionFish(root: CompletionCommand): string {
  const name = root.name;
  const fn = `__${name.replace(/-/g, "_")}`;
  const commands = allCommands(root);
  const paths = commands.filter((c) => c !== root).map((c) => fishQuote(c.path));
  const lines = [
    `# fish completion for ${name}, written by \`${name} completion fish\` from the program's own commands.`,
    `# In this shell: ${name} completion fish | source`,
    `# In every shell: ${name} completion fish > ~/.config/fish/completions/${name}.fish`,
    "",
    `set -g ${fn}_paths ${paths.join(" ")}`,
    "",
    "# The command path typed so far (`rules list`): the words that name a command, in order.",
    `function ${fn}_path`,
    "    set -l words (commandline -opc)",
    "    set -e words[1]",
    "    set -l path",
    "    for w in $words",
    `        if contains -- (string join ' ' $path $w) $${fn}_paths`,
    "            set path $path $w",
    "        end",
    "    end",
    "    string join ' ' $path",
    "end",
    "",
    `function ${fn}_at`,
    `    set -l path (${fn}_path)`,
    '    test "$path" = "$argv[1]"',
    "end",
    "",
    // Files only where an argument or option takes one.
    `complete -c ${name} -f`,
  ];
  const at = (c: CompletionCommand) => `-n ${fishQuote(`${fn}_at ${fishQuote(c.path)}`)}`;
  for (const c of commands) {
    for (const s of c.commands) lines.push(`complete -c ${name} ${at(c)} -a ${fishQuote(s.name)} -d ${fishQuote(s.description)}`);
    // The program's options hold after any command, as commander reads them.
    for (const o of c.options) lines.push(`complete -c ${name}${c === root ? "" : ` ${at(c)}`} ${optionFlags(o)}`);
    const last = c.args.at(-1);
    const choices = c.args.flatMap((a) => a.choices);
    if (last && choices.length) lines.push(`complete -c ${name} ${at(c)} -x -a ${fishQuote(choices.join(" "))}`);
    else if (last) lines.push(`complete -c ${name} ${at(c)} -F`);
  }
  return `${lines.join("\n")}\n`;
}

function optionFlags(o: CompletionOption): string {
  const names = o.names.map((n) => (n.startsWith("--") ? `-l ${n.slice(2)}` : n.length === 2 ? `-s ${n.slice(1)}` : `-o ${n.slice(1)}`));
  const value = o.choices.length ? ` -x -a ${fishQuote(o.choices.join(" "))}` : o.value === "required" ? " -r -F" : "";
  return `${names.join(" ")} -d ${fishQuote(o.description)}${value}`;
}
