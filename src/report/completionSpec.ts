/** The shells `nhi-triage completion` writes a script for. */
export const COMPLETION_SHELLS = ["bash", "zsh", "fish"] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/** One option as the shells complete it: its spellings, and what may follow it. */
export interface CompletionOption {
  /** `--format`, and `-f` when it has a short form. */
  names: string[];
  description: string;
  /** Whether a value follows: always (`<x>`), maybe (`[x]`), or never (a switch). */
  value: "required" | "optional" | "none";
  /** The only values it takes; empty when any value (a file, a date…) goes. */
  choices: string[];
}

export interface CompletionArgument {
  /** The only values it takes; empty when any (a file) goes. */
  choices: string[];
  variadic: boolean;
}

/** A command and what can follow it, read from the program's own declarations. */
export interface CompletionCommand {
  /** The words after the program's name, e.g. `rules list`; "" for the program itself. */
  path: string;
  name: string;
  description: string;
  commands: CompletionCommand[];
  options: CompletionOption[];
  args: CompletionArgument[];
}

/** Every command of the tree, the program first, parents before their subcommands. */
export function allCommands(root: CompletionCommand): CompletionCommand[] {
  return [root, ...root.commands.flatMap(allCommands)];
}

/** The options a command accepts: its own, then the program's (commander reads those after a subcommand too). */
export function optionsOf(cmd: CompletionCommand, root: CompletionCommand): CompletionOption[] {
  if (cmd === root) return cmd.options;
  const own = new Set(cmd.options.flatMap((o) => o.names));
  return [...cmd.options, ...root.options.filter((o) => !o.names.some((n) => own.has(n)))];
}
