import { readdir, realpath } from "node:fs/promises";
import { createRequire } from "node:module";
import { relative, isAbsolute } from "node:path";
import { fileURLToPath } from "node:url";
import { git } from "../load/git.js";
import type { GateLinks, GateReport } from "../report/GateReport.js";
import type { RepoRoot } from "../report/repoPaths.js";
import type { RuleDocs } from "../report/sarifParts.js";

const RULE_PAGES = fileURLToPath(new URL("../../docs/rules/", import.meta.url));
const { homepage } = createRequire(import.meta.url)("../../package.json") as { homepage?: string };

const inside = (root: string, dir: string) => {
  const rel = relative(root, dir);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
};

/**
 * The repository's root: the workflow's checkout when the gate runs inside it, else git's
 * top folder from here, else the working folder. Real paths, so a link in either never
 * makes a file inside look outside.
 */
export async function repoRoot(inventoryIsFile: boolean, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<RepoRoot> {
  const here = await realpath(cwd).catch(() => cwd);
  const workspace = env.GITHUB_WORKSPACE ? await realpath(env.GITHUB_WORKSPACE).catch(() => undefined) : undefined;
  if (workspace !== undefined && inside(workspace, here)) return { root: workspace, cwd: here, inventoryIsFile };
  const top = await git(["rev-parse", "--show-toplevel"], here).catch(() => undefined);
  const root = top?.ok ? await realpath(top.stdout.trim()).catch(() => here) : here;
  return { root, cwd: here, inventoryIsFile };
}

/** Links into GitHub when the runner says where the run is: all three for files, the run id too for the run. */
export function gateLinks(env: NodeJS.ProcessEnv = process.env): GateLinks {
  const server = env.GITHUB_SERVER_URL?.replace(/\/+$/, "");
  const repo = env.GITHUB_REPOSITORY;
  if (!server || !repo) return {};
  return {
    ...(env.GITHUB_SHA ? { blob: `${server}/${repo}/blob/${env.GITHUB_SHA}/` } : {}),
    ...(env.GITHUB_RUN_ID ? { run: `${server}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` } : {}),
  };
}

/**
 * The built-in rules' pages, published at the repository's docs/rules/ on its main branch
 * (package.json's homepage names the repository); only the pages that ship with the package.
 */
export async function ruleDocs(): Promise<RuleDocs | undefined> {
  if (!homepage) return undefined;
  const names = await readdir(RULE_PAGES).catch(() => [] as string[]);
  const pages = new Set(names.filter((n) => n.endsWith(".md")).map((n) => n.slice(0, -".md".length)));
  return { base: `${homepage.replace(/#.*$/, "").replace(/\/+$/, "")}/blob/main/docs/rules/`, pages };
}

/** What a gate report needs to know of where it runs: read here, so the formatters stay pure. */
export async function reportPlace(inventoryIsFile: boolean): Promise<Pick<GateReport, "repo" | "links" | "ruleDocs">> {
  const docs = await ruleDocs();
  return { repo: await repoRoot(inventoryIsFile), links: gateLinks(), ...(docs ? { ruleDocs: docs } : {}) };
}
