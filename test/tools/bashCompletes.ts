import { spawnSync } from "node:child_process";

/**
 * What a bash completion script offers for the words typed so far (the last one is the word
 * under the cursor, "" for a fresh one): the script is sourced in a bash subprocess and its
 * function called with COMP_WORDS and COMP_CWORD set as bash sets them at <TAB>.
 */
export function bashCompletes(script: string, words: string[], cwd?: string): string[] {
  const fn = /complete -F (\S+) /.exec(script)?.[1];
  if (!fn) throw new Error("no `complete -F` in the script");
  const driver = `${script}\nCOMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); COMPREPLY=()\n${fn}\nprintf '%s\\n' "\${COMPREPLY[@]}"\n`;
  const r = spawnSync("bash", ["-c", driver, "bash", ...words], { encoding: "utf8", ...(cwd ? { cwd } : {}) });
  if (r.status !== 0) throw new Error(`bash: exit ${r.status}: ${r.stderr}`);
  return r.stdout.split("\n").filter((l) => l !== "").sort();
}
