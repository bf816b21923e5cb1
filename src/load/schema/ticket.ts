import { z } from "zod";

/**
 * The front matter a Markdown or plain-text ticket may open with (between `---` lines).
 * Loose: front matter written for a site generator or a notes app carries keys of its own,
 * which are not ours to refuse.
 */
export const TicketFrontMatter = z.looseObject({
  id: z.union([z.string().min(1, "expected a non-empty id"), z.number()], { error: "expected an id: a string or a number" }).optional().describe("The incident id; the file name's stem when absent."),
  title: z.string().optional().describe("The title; the first heading or line when absent."),
  active: z.boolean().optional().describe("True while a compromise is ongoing: contain first."),
  labels: z.array(z.string()).optional().describe("Kept with the ticket; they do not change the triage."),
  tags: z.array(z.string()).optional().describe("Read as labels."),
});
export type TicketFrontMatter = z.infer<typeof TicketFrontMatter>;

const Label = z.union([z.string(), z.looseObject({ name: z.string() })]);

/** What `gh issue view N --json number,title,body,labels,createdAt` (or `gh issue list --json …`) writes; other fields are allowed. */
export const GithubIssue = z.looseObject({
  number: z.number().int().optional(),
  title: z.string().min(1, "expected the issue's title, a non-empty string"),
  body: z.string().nullable().optional(),
  labels: z.array(Label).optional(),
  url: z.string().optional(),
  html_url: z.string().optional(),
  repository: z.union([z.looseObject({ nameWithOwner: z.string().optional(), name: z.string().optional() }), z.string()]).optional(),
  createdAt: z.string().optional(),
});
export type GithubIssue = z.infer<typeof GithubIssue>;

/** What Jira's REST API answers for `GET /rest/api/2|3/issue/KEY`; other fields are allowed. */
export const JiraIssue = z.looseObject({
  key: z.string().min(1, "expected the issue key, e.g. SEC-123"),
  fields: z.looseObject({
    summary: z.string().min(1, "expected the issue's summary (its title), a non-empty string"),
    // v2: a string (wiki markup); v3: an Atlassian Document Format document; null when empty.
    description: z.unknown().optional(),
    labels: z.array(z.string()).optional(),
  }),
});
export type JiraIssue = z.infer<typeof JiraIssue>;
