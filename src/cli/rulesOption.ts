import { Option } from "commander";

/** `--rules DIR`, repeatable, as every command that loads a rule pack takes it. */
export function rulesOption(description = "an extra rule pack (repeatable)"): Option {
  return new Option("--rules <dir>", description).argParser((v: string, acc: string[]) => [...acc, v]).default([] as string[]);
}
