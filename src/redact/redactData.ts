import { findSecrets, MIN_SECRET_LENGTH, type SecretKind } from "./findSecrets.js";
import { replaceSpans } from "./replaceSpans.js";

export type DataPath = Array<string | number>;

export interface Redaction {
  /** Where the string was, from the root of the data. */
  path: DataPath;
  kinds: SecretKind[];
}

type Node = Record<string | number, unknown>;

interface Hit {
  node: Node;
  key: string | number;
  kinds: SecretKind[];
}

/** Redacts one string in place when it holds a credential-like value. */
function redactAt(node: Node, key: string | number, v: string, hits: Hit[]): void {
  const spans = findSecrets(v);
  if (spans.length === 0) return;
  node[key] = replaceSpans(v, spans);
  hits.push({ node, key, kinds: [...new Set(spans.map((s) => s.kind))] });
}

/**
 * Replaces, in place, every credential-like substring of every string value, and returns
 * where each was (in walk order). Mapping keys are left alone: no valid document has free
 * keys, and messages that echo one are redacted where they are made. Iterative, so deep
 * nesting cannot overflow the stack. Paths are only worked out when something was found,
 * so the common case is one cheap pass over a large inventory.
 *
 * A document with YAML aliases can reach a node twice, or loop. Tracking every node would
 * cost more than the walk itself, so it is done only once the walk has met more containers
 * than `maxNodes` (the source length is a safe bound: without aliases each container takes
 * at least one character); the walk then starts over, visiting each node once. Redaction is
 * idempotent, so what the first attempt changed stays changed and is not found again.
 */
export function redactData(root: unknown, maxNodes = Infinity): Redaction[] {
  if (root === null || typeof root !== "object") return [];
  const hits: Hit[] = [];
  let seen: WeakSet<object> | undefined;
  let budget = maxNodes;
  const stack: Node[] = [root as Node];
  // Written out for arrays and mappings alike: this loop runs once per value of a large
  // inventory, and the short-string test before the call skips most of them.
  while (stack.length) {
    const node = stack.pop()!;
    if (--budget < 0 && !seen) {
      seen = new WeakSet<object>([root]);
      stack.length = 0;
      stack.push(root as Node);
      continue;
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const v: unknown = node[i];
        if (typeof v === "string") {
          if (v.length >= MIN_SECRET_LENGTH) redactAt(node, i, v, hits);
        } else if (v !== null && typeof v === "object" && !seen?.has(v)) {
          seen?.add(v);
          stack.push(v as Node);
        }
      }
    } else {
      for (const key in node) {
        const v = node[key];
        if (typeof v === "string") {
          if (v.length >= MIN_SECRET_LENGTH) redactAt(node, key, v, hits);
        } else if (v !== null && typeof v === "object" && !seen?.has(v)) {
          seen?.add(v);
          stack.push(v as Node);
        }
      }
    }
  }
  if (hits.length === 0) return [];
  const paths = containerPaths(root as Node, new Set(hits.map((h) => h.node)), seen !== undefined);
  return hits.map((h) => ({ path: [...paths.get(h.node)!, h.key], kinds: h.kinds }));
}

/**
 * The path to each wanted container (the first found, for a node reached twice). Parents
 * are kept as indices, so no path is built except for the containers asked for.
 */
function containerPaths(root: Node, wanted: ReadonlySet<Node>, shared: boolean): Map<Node, DataPath> {
  const paths = new Map<Node, DataPath>();
  const parents: number[] = [-1];
  const keys: Array<string | number> = [""];
  const nodes: Node[] = [root];
  const stack: number[] = [0];
  const seen = shared ? new Set<Node>([root]) : undefined;
  const enter = (v: unknown, parent: number, key: string | number): void => {
    if (v === null || typeof v !== "object" || seen?.has(v as Node)) return;
    seen?.add(v as Node);
    stack.push(nodes.length);
    nodes.push(v as Node);
    parents.push(parent);
    keys.push(key);
  };
  while (stack.length && paths.size < wanted.size) {
    const at = stack.pop()!;
    const node = nodes[at]!;
    if (wanted.has(node) && !paths.has(node)) {
      const path: DataPath = [];
      for (let p = at; p > 0; p = parents[p]!) path.push(keys[p]!);
      paths.set(node, path.reverse());
    }
    if (Array.isArray(node)) for (let i = 0; i < node.length; i++) enter(node[i], at, i);
    else for (const key in node) enter(node[key], at, key);
  }
  return paths;
}
