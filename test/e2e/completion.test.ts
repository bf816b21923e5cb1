import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ANALYZE_FORMATS } from "../../src/report/analyzeFormat.js";
import { GATE_FORMATS } from "../../src/report/gateFormat.js";
import { SCHEMA_NAMES } from "../../src/report/schemaNames.js";
import { tempDir } from "../helpers.js";
import { run } from "./run.js";
import { bashCompletes } from "../tools/bashCompletes.js";

const installed = (shell: string) => spawnSync(shell, ["-c", "exit 0"]).status === 0;

describe("completion", () => {
  it.each(["bash", "zsh", "fish"])("completion %s prints a script for that shell, exit 0, nothing on stderr", (shell) => {
    const r = run(["completion", shell]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain(`nhi-triage completion ${shell}`);
    // Every command of the program is in it.
    for (const command of ["analyze", "gate", "discover", "interview", "schema", "init", "rules", "refs", "completion"]) expect(r.stdout).toContain(`'${command}'`);
  });

  it("an unknown shell is a usage error naming the shells there are, exit 2", () => {
    const r = run(["completion", "tcsh"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("error: command-argument value 'tcsh' is invalid for argument 'shell'. Allowed choices are bash, zsh, fish.");
  });

  it("bash -n accepts the bash script", () => {
    const dir = tempDir("nhi-completion-");
    const file = join(dir, "nhi-triage.bash");
    writeFileSync(file, run(["completion", "bash"]).stdout);
    const r = spawnSync("bash", ["-n", file], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  describe("the bash script, sourced, completes", () => {
    const script = run(["completion", "bash"]).stdout;
    it.each<[string, string[], string[]]>([
      ["a command from its start", ["ga"], ["gate"]],
      ["every command", [""], ["analyze", "interview", "gate", "discover", "schema", "init", "rules", "refs", "completion", "help"]],
      ["the gate's --format values", ["gate", "--format", ""], [...GATE_FORMATS]],
      ["the gate's --format values from a prefix", ["gate", "--format", "j"], GATE_FORMATS.filter((f) => f.startsWith("j"))],
      ["--format=value, which bash splits at the =", ["gate", "--format", "=", ""], [...GATE_FORMATS]],
      ["analyze's own --format values, after a global option and an argument", ["--quiet", "analyze", "x.yaml", "--format", ""], [...ANALYZE_FORMATS]],
      ["a command's options, and the program's", ["gate", "--base", "base.yaml", "--f"], ["--fail-on", "--format"]],
      ["a subcommand of rules", ["rules", "l"], ["list"]],
      ["the schema kinds", ["schema", ""], [...SCHEMA_NAMES]],
      ["the shells", ["completion", ""], ["bash", "zsh", "fish"]],
      ["nothing after a command that takes no argument", ["interview", ""], []],
    ])("%s", (_name, typed, expected) => {
      expect(bashCompletes(script, ["nhi-triage", ...typed])).toEqual([...expected].sort());
    });

    it("files where a path goes", () => {
      const dir = tempDir("nhi-completion-");
      writeFileSync(join(dir, "incident-one.yaml"), "");
      writeFileSync(join(dir, "incident-two.yaml"), "");
      expect(bashCompletes(script, ["nhi-triage", "analyze", "inc"], dir)).toEqual(["incident-one.yaml", "incident-two.yaml"]);
      expect(bashCompletes(script, ["nhi-triage", "gate", "--waivers", "incident-t"], dir)).toEqual(["incident-two.yaml"]);
    });
  });

  for (const shell of ["zsh", "fish"]) {
    const has = installed(shell);
    it.skipIf(!has)(`${shell} -n accepts the ${shell} script${has ? "" : ` (skipped: ${shell} is not installed)`}`, () => {
      const dir = tempDir("nhi-completion-");
      const file = join(dir, `nhi-triage.${shell}`);
      writeFileSync(file, run(["completion", shell]).stdout);
      const r = spawnSync(shell, ["-n", file], { encoding: "utf8" });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
    });
  }
});
