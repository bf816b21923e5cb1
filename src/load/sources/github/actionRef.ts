/** A `uses:` value: a local path, a container image, or `owner/repo[/path]@ref`. */
export type ActionRef =
  | { kind: "local" }
  | { kind: "docker"; pinned: boolean }
  | { kind: "action"; name: string; owner: string; ref: string | undefined; pinned: boolean; firstParty: boolean };

/** GitHub's own actions; anything else runs someone else's code with the job's token. */
const FIRST_PARTY = new Set(["actions", "github"]);
const FULL_SHA = /^[0-9a-f]{40}$/i;
const DIGEST = /@sha256:[0-9a-f]{64}$/i;

export function actionRef(uses: string): ActionRef {
  if (uses.startsWith("./") || uses.startsWith("../")) return { kind: "local" };
  if (uses.startsWith("docker://")) return { kind: "docker", pinned: DIGEST.test(uses) };
  const at = uses.lastIndexOf("@");
  const path = at === -1 ? uses : uses.slice(0, at);
  const ref = at === -1 ? undefined : uses.slice(at + 1);
  const [owner = "", repo = ""] = path.split("/");
  return {
    kind: "action",
    name: `${owner}/${repo}`.toLowerCase(),
    owner: owner.toLowerCase(),
    ref,
    pinned: ref !== undefined && FULL_SHA.test(ref),
    firstParty: FIRST_PARTY.has(owner.toLowerCase()),
  };
}
