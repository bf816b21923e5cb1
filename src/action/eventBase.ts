import { z } from "zod";

/** What the gate compares against, and why, as read from the event that started the run. */
export type EventBase = { kind: "commit"; sha: string; from: string } | { kind: "none"; why: string };

const Sha = z.string().regex(/^[0-9a-f]{40}$/);
const PullRequest = z.object({ pull_request: z.object({ base: z.object({ sha: Sha }) }) });
const Push = z.object({ before: Sha, created: z.boolean().optional() });
const MergeGroup = z.object({ merge_group: z.object({ base_sha: Sha }) });
const ZERO = /^0{40}$/;

/**
 * A pull request is judged against the commit it would merge into, a merge-queue entry
 * against its base, a push against the commit before it. A push that creates a branch has
 * no before (GitHub sends forty zeros), so it is judged on its posture alone.
 */
export function eventBase(eventName: string | undefined, payload: unknown): EventBase {
  switch (eventName) {
    case "pull_request":
    case "pull_request_target": {
      const p = PullRequest.safeParse(payload);
      return p.success ? { kind: "commit", sha: p.data.pull_request.base.sha, from: "pull_request.base.sha" } : { kind: "none", why: "the event payload has no pull_request.base.sha" };
    }
    case "merge_group": {
      const p = MergeGroup.safeParse(payload);
      return p.success ? { kind: "commit", sha: p.data.merge_group.base_sha, from: "merge_group.base_sha" } : { kind: "none", why: "the event payload has no merge_group.base_sha" };
    }
    case "push": {
      const p = Push.safeParse(payload);
      if (!p.success || p.data.created || ZERO.test(p.data.before)) return { kind: "none", why: "the push created the branch: there is no commit before it" };
      return { kind: "commit", sha: p.data.before, from: "before" };
    }
    default:
      return { kind: "none", why: `a ${eventName ?? "local"} run has no base commit` };
  }
}
