import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, sep } from "node:path";
import { InputError, UsageError } from "./diagnostic.js";
import { git } from "./git.js";
import type { BaseRef } from "./readBase.js";

type GitBase = Extract<BaseRef, { kind: "git" }>;

interface Entry {
  mode: string;
  type: string;
  object: string;
  /** Bytes of a blob; undefined for a tree. */
  size: number | undefined;
  path: string;
}

/** What a path is in the base commit. A symbolic link on the way is never followed. */
export type TreeLookup =
  | { kind: "absent" }
  | { kind: "tree"; object: string }
  | { kind: "blob"; object: string; size: number }
  | { kind: "link"; at: string };

const LINK = "120000";

/** `git ls-tree -z [-r] -l` output: mode, type, object, size, then a tab and the path. */
function parseEntries(out: string): Entry[] {
  return out
    .split("\0")
    .filter((l) => l !== "")
    .map((line) => {
      const tab = line.indexOf("\t");
      const [mode = "", type = "", object = "", size = "-"] = line.slice(0, tab).split(/ +/);
      return { mode, type, object, size: size === "-" ? undefined : Number(size), path: line.slice(tab + 1) };
    });
}

/**
 * The files of the base commit the gate's settings come from (the project config and the
 * rule packs in the repository), written into a private temporary folder so they go
 * through the very loaders and checks a checkout's files do. What those report names the
 * commit (`main:packs/acme/rules.yaml`), never the temporary folder.
 */
export class BaseTree {
  private folder: string | undefined;

  /** `made` is told the temporary folder once it exists, so an interrupt can remove it. */
  constructor(
    readonly base: GitBase,
    private readonly made: (folder: string) => void = () => undefined,
  ) {}

  /** What `path` (from the repository's root, with forward slashes) is in the commit. */
  async lookup(path: string): Promise<TreeLookup> {
    let tree = this.base.sha;
    const parts = path.split("/").filter((p) => p !== "" && p !== ".");
    if (parts.length === 0) return { kind: "tree", object: tree };
    for (const [i, name] of parts.entries()) {
      const entry = (await this.list(tree)).find((e) => e.path === name);
      if (!entry) return { kind: "absent" };
      if (entry.mode === LINK) return { kind: "link", at: parts.slice(0, i + 1).join("/") };
      if (i === parts.length - 1) {
        if (entry.type === "tree") return { kind: "tree", object: entry.object };
        return entry.type === "blob" ? { kind: "blob", object: entry.object, size: entry.size ?? 0 } : { kind: "absent" };
      }
      if (entry.type !== "tree") return { kind: "absent" };
      tree = entry.object;
    }
    return { kind: "absent" };
  }

  /** The entries of one tree of the commit, by its object id. */
  async list(tree: string, recursive = false): Promise<Entry[]> {
    const r = await git(["ls-tree", "-z", "-l", ...(recursive ? ["-r"] : []), tree], this.base.top);
    if (!r.ok) throw new UsageError(`--base ${this.base.given}: git could not list the commit's files: ${r.stderr.trim()}`);
    return parseEntries(r.stdout);
  }

  /**
   * Writes `path` (a blob, or a tree's YAML files and symbolic links) into the temporary
   * folder and returns where. A blob over `maxBytes` is written as a sparse file of its
   * size, so the loader refuses it for its size as it would refuse the file on disk.
   */
  async extract(path: string, found: Extract<TreeLookup, { kind: "tree" | "blob" }>, maxBytes: number): Promise<string> {
    const local = join(await this.root(), ...path.split("/"));
    const entries: Entry[] =
      found.kind === "blob"
        ? [{ mode: "100644", type: "blob", object: found.object, size: found.size, path: "" }]
        : (await this.list(found.object, true)).filter((e) => e.mode === LINK || (e.type === "blob" && /\.ya?ml$/.test(e.path)));
    const small = entries.filter((e) => e.mode !== LINK && (e.size ?? 0) <= maxBytes);
    const contents = await this.blobs([...entries.filter((e) => e.mode === LINK), ...small].map((e) => e.object));
    await mkdir(found.kind === "blob" ? dirname(local) : local, { recursive: true });
    for (const e of entries) {
      const file = e.path === "" ? local : join(local, ...e.path.split("/"));
      await mkdir(dirname(file), { recursive: true });
      const body = contents.get(e.object);
      try {
        if (e.mode === LINK) await symlink(body!.toString("utf8"), file);
        else if (body) await writeFile(file, body, { flag: "wx" });
        else {
          await writeFile(file, "", { flag: "wx" });
          await truncate(file, e.size);
        }
      } catch (err) {
        // Already written for a pack folder that holds this one, or lies inside it.
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
    }
    return local;
  }

  /** The temporary folder's path, made on first use. */
  async root(): Promise<string> {
    if (this.folder === undefined) {
      this.folder = await mkdtemp(join(tmpdir(), "nhi-triage-base-"));
      this.made(this.folder);
    }
    return this.folder;
  }

  /** Whether `local` was written by this tree (and so must be named by the commit in messages). */
  holds(local: string): boolean {
    return this.folder !== undefined && (local === this.folder || local.startsWith(this.folder + sep));
  }

  /** `text` with every path into the temporary folder named as the commit's (`main:packs/acme`). */
  label(text: string): string {
    if (this.folder === undefined) return text;
    return text.split(this.folder + sep).join(`${this.base.ref}:`).split(this.folder).join(`${this.base.ref}:`);
  }

  /** An error from loading extracted files, with their paths named as the commit's. */
  relabel(e: unknown): unknown {
    if (e instanceof InputError) {
      const diagnostics = e.diagnostics.map((d) => ({ ...d, file: this.label(d.file), message: this.label(d.message) }));
      return new InputError(diagnostics, new Map([...e.sources].map(([file, text]) => [this.label(file), text])));
    }
    if (e instanceof UsageError) return new UsageError(this.label(e.message));
    return e;
  }

  /** Removes the temporary folder; the returned promise never rejects. */
  async dispose(): Promise<void> {
    const folder = this.folder;
    this.folder = undefined;
    if (folder !== undefined) await rm(folder, { recursive: true, force: true }).catch(() => undefined);
  }

  /** Blob contents by object id, read in one `git cat-file --batch`. */
  blobs(objects: readonly string[]): Promise<Map<string, Buffer>> {
    const wanted = [...new Set(objects)];
    if (wanted.length === 0) return Promise.resolve(new Map());
    return new Promise((resolveRead, reject) => {
      const child = spawn("git", ["cat-file", "--batch"], { cwd: this.base.top, stdio: ["pipe", "pipe", "pipe"] });
      const chunks: Buffer[] = [];
      child.stdout.on("data", (c: Buffer) => chunks.push(c));
      child.on("error", reject);
      child.on("close", (code) => {
        if (code !== 0) {
          reject(new UsageError(`--base ${this.base.given}: git could not read the commit's files`));
          return;
        }
        const out = Buffer.concat(chunks);
        const found = new Map<string, Buffer>();
        for (let at = 0; at < out.length; ) {
          const eol = out.indexOf(10, at);
          const [object = "", type = "", size = "0"] = out.subarray(at, eol).toString("utf8").split(" ");
          if (type === "missing") {
            at = eol + 1;
            continue;
          }
          const n = Number(size);
          found.set(object, out.subarray(eol + 1, eol + 1 + n));
          at = eol + 1 + n + 1;
        }
        resolveRead(found);
      });
      child.stdin.end(`${wanted.join("\n")}\n`);
    });
  }
}
