import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** One command of a shell block, with the exit code the docs promise for it. */
export interface DocCommand {
  /** Line in the file, 1-based, of the command's first line. */
  line: number;
  text: string;
  exit: number;
}

export interface DocBlock {
  file: string;
  /** Line of the opening fence. */
  line: number;
  commands: DocCommand[];
  /** Why it is not run (`<!-- not-run: needs GitHub -->` just before it); undefined when it runs. */
  notRun?: string;
}

const SHELLS = new Set(["sh", "bash", "console", "shell"]);
const NOT_RUN = /^<!--\s*not-run:\s*(.*?)\s*-->$/;
const EXIT = /^<!--\s*exit:\s*(\d+)\s*-->$/;
/** A command's own promise, written after it: `nhi-triage gate x.yaml   # exit 1: …`. */
const LINE_EXIT = /\s#\s*exit (\d+)\b/;

/** The Markdown files whose shell blocks must run: the README and docs/*.md (docs/rules/ is generated). */
export function documentedFiles(root: string): string[] {
  const docs = readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/${f}`);
  return ["README.md", ...docs];
}

/**
 * The shell blocks (```sh, ```bash, ```console) of a Markdown text, each with its commands:
 * a line, with any lines it continues with a trailing backslash; in a console block, only
 * the lines after a `$ ` prompt. Comment and blank lines are no commands. The HTML comment
 * on the line before a fence, invisible once rendered, marks a block `not-run: REASON` or
 * sets the exit code its commands give (`exit: 1`); a `# exit N` comment after one command
 * sets its own.
 */
export function shellBlocks(file: string, markdown: string): DocBlock[] {
  const lines = markdown.split("\n");
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
    const lang = open[1]!;
    let marker = i - 1;
    while (marker >= 0 && lines[marker]!.trim() === "") marker--;
    const before = marker >= 0 ? lines[marker]!.trim() : "";
    if (SHELLS.has(lang)) {
      const notRun = NOT_RUN.exec(before)?.[1];
      const exit = Number(EXIT.exec(before)?.[1] ?? 0);
      blocks.push({ file, line: i + 1, commands: commandsOf(lines.slice(i + 1, end), i + 2, lang === "console", exit), ...(notRun !== undefined ? { notRun } : {}) });
    }
    i = end;
  }
  return blocks;
}

function commandsOf(body: string[], firstLine: number, console: boolean, exit: number): DocCommand[] {
  const commands: DocCommand[] = [];
  for (let j = 0; j < body.length; j++) {
    let text = body[j]!;
    const line = firstLine + j;
    if (console) {
      if (!text.startsWith("$ ")) continue;
      text = text.slice(2);
    }
    if (text.trim() === "" || text.trim().startsWith("#")) continue;
    while (text.endsWith("\\") && j + 1 < body.length) text = `${text.slice(0, -1)}${body[++j]!.replace(/^\s+/, " ")}`;
    const own = LINE_EXIT.exec(text)?.[1];
    commands.push({ line, text, exit: own !== undefined ? Number(own) : exit });
  }
  return commands;
}

/** Every shell block of the documented files. */
export function documentedBlocks(root: string): DocBlock[] {
  return documentedFiles(root).flatMap((f) => shellBlocks(f, readFileSync(join(root, f), "utf8")));
}
