import type { Command, Option } from "commander";
import type { CompletionCommand, CompletionOption } from "../report/completionSpec.js";

/**
 * Values the shells offer for an option that takes more than its choices (`--format
 * NAME[=FILE]`): commander's `.choices()` would reject `sarif=out.sarif`.
 */
const hints = new WeakMap<Option, readonly string[]>();

/** The option, with `values` offered on completion but not enforced by commander. */
export function completeWith(option: Option, values: readonly string[]): Option {
  hints.set(option, values);
  return option;
}

/**
 * What the shells need to complete the program, read from commander's declarations, so a
 * new command, option or choice is completed without anyone editing a list. `parent` is
 * the path of the command above; none for the program itself.
 */
export function describeProgram(cmd: Command, parent?: string): CompletionCommand {
  const help = cmd.createHelp();
  const path = parent === undefined ? "" : `${parent}${parent ? " " : ""}${cmd.name()}`;
  const siblings = cmd.commands.map((c) => c.name());
  return {
    path,
    name: cmd.name(),
    description: help.commandDescription(cmd),
    commands: help.visibleCommands(cmd).map((c) => {
      const described = describeProgram(c, path);
      // commander's own `help [command]`, not among cmd.commands: its argument is one of them.
      return cmd.commands.includes(c) ? described : { ...described, args: [{ choices: siblings, variadic: false }] };
    }),
    options: help.visibleOptions(cmd).map(describeOption),
    args: cmd.registeredArguments.map((a) => ({ choices: [...(a.argChoices ?? [])], variadic: a.variadic })),
  };
}

function describeOption(o: Option): CompletionOption {
  return {
    names: [o.long, o.short].filter((n): n is string => n !== undefined),
    description: o.description,
    value: o.required ? "required" : o.optional ? "optional" : "none",
    choices: [...(o.argChoices ?? hints.get(o) ?? [])],
  };
}
