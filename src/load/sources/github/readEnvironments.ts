import { diagnostic, InputError } from "../../diagnostic.js";
import { readYaml } from "../../readYaml.js";
import { zodIssuesToDiagnostics } from "../../zodIssues.js";
import { GithubEnvironments } from "./environmentsSchema.js";

export const ENVIRONMENTS_LABEL = "the JSON of `gh api repos/OWNER/REPO/environments` (a mapping with an `environments` list)";

/** Who must approve a job that names the environment, as the repository's settings say. */
export interface EnvironmentProtection {
  /** The environment's name as GitHub lists it. */
  name: string;
  /** Users and teams any one of whom must approve; 0 = nobody is asked. */
  reviewers: number;
  preventSelfReview: boolean;
  waitTimerMinutes?: number;
}

/** By lower-cased name: GitHub matches environment names without regard to case. */
export type EnvironmentProtections = ReadonlyMap<string, EnvironmentProtection>;

/**
 * The environments of one repository, by name. Throws an InputError at file:line:column
 * for a file that is not that answer. Names only, never values: the answer holds no secret
 * (environment secrets are listed by another endpoint), and nothing else is copied.
 */
export function readEnvironments(file: string, text: string): EnvironmentProtections {
  const sources = new Map([[file, text]]);
  if (text.trim() === "") throw new InputError([diagnostic(file, { line: 1, column: 1 }, `empty file: expected ${ENVIRONMENTS_LABEL}`)], sources);
  const parsed = readYaml(file, text);
  if (!parsed.ok) throw new InputError(parsed.diagnostics, sources);
  const { doc } = parsed;
  const data = doc.data;
  if (data === null || typeof data !== "object" || Array.isArray(data) || !("environments" in data)) {
    throw new InputError([diagnostic(file, doc.locate([]), `not a list of environments: expected ${ENVIRONMENTS_LABEL}`)], sources);
  }
  const checked = GithubEnvironments.safeParse(data);
  if (!checked.success) throw new InputError(zodIssuesToDiagnostics(checked.error.issues, doc, GithubEnvironments), sources);
  const out = new Map<string, EnvironmentProtection>();
  for (const env of checked.data.environments) {
    const rules = env.protection_rules ?? [];
    const review = rules.find((r) => r.type === "required_reviewers");
    const wait = rules.find((r) => r.type === "wait_timer")?.wait_timer;
    out.set(env.name.toLowerCase(), {
      name: env.name,
      reviewers: review?.reviewers?.length ?? 0,
      preventSelfReview: review?.prevent_self_review === true,
      ...(wait !== undefined && wait > 0 ? { waitTimerMinutes: wait } : {}),
    });
  }
  return out;
}
