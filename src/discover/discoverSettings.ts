import type { EnvironmentProtections } from "../load/sources/github/readEnvironments.js";
import type { DefaultPermissions } from "../load/sources/github/workflowPermissions.js";

/** What the command line tells the readers that no source file says. Each reader reads its own fields. */
export interface DiscoverSettings {
  /** The repository's default GITHUB_TOKEN permissions; unknown when not given. */
  githubDefaultPermissions?: DefaultPermissions;
  /** The repository's environments and their reviewers; approvals are unknown when not given. */
  githubEnvironments?: EnvironmentProtections;
}
