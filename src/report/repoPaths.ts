import { isAbsolute, relative, resolve, sep } from "node:path";
import type { GateResult, Location } from "../gate/types.js";

/**
 * Where the run stood: both absolute. Code scanning, annotations and blob links all name a
 * file by its path from the repository root, whatever folder the gate ran in.
 */
export interface RepoRoot {
  root: string;
  cwd: string;
  /** Whether the result's `inventory` names a file, not a label such as the sources it was discovered from. */
  inventoryIsFile: boolean;
}

/**
 * `file` (as the gate read it: relative to the working folder, or absolute) as a path from the
 * root with forward slashes. A file outside the root has no such path: it becomes absolute,
 * which names it without pretending it is in the checkout. Labels that are no file (stdin)
 * stay as they are.
 */
export function fromRoot(file: string, at: RepoRoot): string {
  if (file === "-" || file === "" || file.startsWith("<")) return file;
  const abs = resolve(at.cwd, file);
  const rel = relative(at.root, abs);
  if (rel === "") return ".";
  if (rel.startsWith("..") || isAbsolute(rel)) return abs;
  return rel.split(sep).join("/");
}

/**
 * The result with every location in the checkout named from the root. Resolved findings keep
 * theirs: they are at the base, which may be a commit's `ref:path` rather than a file here.
 */
export function withRootPaths(r: GateResult, at: RepoRoot): GateResult {
  // A large inventory has hundreds of thousands of locations in a handful of files.
  const seen = new Map<string, string>();
  const path = (file: string) => seen.get(file) ?? seen.set(file, fromRoot(file, at)).get(file)!;
  const place = (l: Location): Location => ({ ...l, file: path(l.file) });
  const move = <T extends { location: Location }>(list: readonly T[]) => list.map((x) => ({ ...x, location: place(x.location) }));
  return {
    ...r,
    ...(at.inventoryIsFile ? { inventory: path(r.inventory) } : {}),
    ...(r.waivers !== undefined ? { waivers: path(r.waivers) } : {}),
    new: move(r.new),
    existing: move(r.existing),
    failing: move(r.failing),
    waived: move(r.waived).map((f) => ({ ...f, waiver: { ...f.waiver, location: place(f.waiver.location) } })),
    expiredWaivers: move(r.expiredWaivers),
    staleWaivers: move(r.staleWaivers),
    configChanges: r.configChanges.map((c) => (c.location ? { ...c, location: place(c.location) } : c)),
  };
}
