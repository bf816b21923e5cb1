import { Command, Option } from "commander";
import { describe, expect, it } from "vitest";
import { describeProgram } from "../../src/cli/describeProgram.js";
import { completionBash } from "../../src/report/completionBash.js";
import { completionFish } from "../../src/report/completionFish.js";
import { bashCompletes } from "../tools/bashCompletes.js";

/** A program unlike nhi-triage's: what the script completes can only come from it. */
function program(): Command {
  const p = new Command("tool").option("-v, --verbose", "say more");
  p.command("paint")
    .argument("<wall>", "which wall")
    .addOption(new Option("-c, --colour <name>", "the colour").choices(["teal", "tan", "red"]))
    .option("--coats <n>", "how many");
  p.command("sand").option("--grit [n]", "paper grit");
  return p;
}

describe("describeProgram", () => {
  it("reads commands, short and long options, whether a value follows, and the choices", () => {
    const spec = describeProgram(program());
    expect(spec.path).toBe("");
    expect(spec.commands.map((c) => c.path)).toEqual(["paint", "sand", "help"]);
    const paint = spec.commands[0]!;
    expect(paint.args).toEqual([{ choices: [], variadic: false }]);
    expect(paint.options.find((o) => o.names.includes("--colour"))).toEqual({ names: ["--colour", "-c"], description: "the colour", value: "required", choices: ["teal", "tan", "red"] });
    expect(spec.commands[1]!.options.find((o) => o.names.includes("--grit"))?.value).toBe("optional");
    // commander's own help command takes one of the other commands.
    expect(spec.commands[2]!.args).toEqual([{ choices: ["paint", "sand"], variadic: false }]);
  });

  it("a command or choice added to the program is completed by the bash script", () => {
    const p = program();
    p.command("varnish").addOption(new Option("--finish <kind>", "sheen").choices(["matt", "gloss"]));
    const script = completionBash(describeProgram(p));
    expect(bashCompletes(script, ["tool", "v"])).toEqual(["varnish"]);
    expect(bashCompletes(script, ["tool", "varnish", "--finish", ""])).toEqual(["gloss", "matt"]);
    expect(bashCompletes(script, ["tool", "paint", "north", "-c", "t"])).toEqual(["tan", "teal"]);
    // The program's own option after a command, as commander reads it.
    expect(bashCompletes(script, ["tool", "sand", "--v"])).toEqual(["--verbose"]);
    // After an option whose value is optional, a word starting with - is another option.
    expect(bashCompletes(script, ["tool", "sand", "--grit", "--"])).toEqual(["--grit", "--help", "--verbose"]);
  });

  it("the fish script has a line per option, its choices exclusive", () => {
    const script = completionFish(describeProgram(program()));
    expect(script).toContain("complete -c tool -n '__tool_at \\'paint\\'' -l colour -s c -d 'the colour' -x -a 'teal tan red'");
    expect(script).toContain("complete -c tool -l verbose -s v -d 'say more'");
  });
});
