import { Argument, type Command } from "commander";
import { COMPLETION_SHELLS, type CompletionShell } from "../report/completionSpec.js";

/** Adds `completion SHELL`: a script generated from the program itself, so every command and option it has is completed. */
export function registerCompletionCommand(program: Command, setCode: (code: number) => void): void {
  program
    .command("completion")
    .description("print a shell completion script (commands, options and their values) for bash, zsh or fish")
    .addArgument(new Argument("<shell>", "which shell").choices(COMPLETION_SHELLS))
    .addHelpText(
      "after",
      "\nExamples:\n  source <(nhi-triage completion bash)\n  nhi-triage completion zsh > \"${fpath[1]}/_nhi-triage\"\n  nhi-triage completion fish > ~/.config/fish/completions/nhi-triage.fish",
    )
    .action(async (shell: CompletionShell) => {
      const [{ describeProgram }, { completionScript }, { writeOutput }] = await Promise.all([
        import("./describeProgram.js"),
        import("../report/completionScript.js"),
        import("./writeOutput.js"),
      ]);
      await writeOutput(completionScript(shell, describeProgram(program)), undefined);
      setCode(0);
    });
}
