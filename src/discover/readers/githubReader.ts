import { githubWorkflow } from "../../load/sources/githubWorkflow.js";
import type { WorkflowFacts } from "../../load/sources/github/types.js";
import { mapWorkflow } from "../mapWorkflow.js";
import { sourceReader } from "../sourceReader.js";

const IN_WORKFLOWS = /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i;

export const githubReader = sourceReader<WorkflowFacts>({
  kind: "github-workflow",
  label: "a GitHub Actions workflow (a mapping with `on:` and `jobs:`)",
  noun: "workflow",
  collects: /\.ya?ml$/i,
  claims: (rel) => IN_WORKFLOWS.test(rel),
  read(file, text, mustBe) {
    const read = githubWorkflow(file.file, text, mustBe);
    return read && { facts: read.facts, warnings: read.warnings, secrets: read.secrets };
  },
  map(files, settings) {
    // Two repositories' files named alone can share a repository path: the second keeps its whole path.
    const ids = new Set<string>();
    const mapped = files.map(({ file, facts }) => {
      const rel = ids.has(file.rel) ? file.file : file.rel;
      ids.add(rel);
      return mapWorkflow(facts, rel, settings);
    });
    return { identities: mapped.flatMap((m) => m.identities), workflows: mapped.map((m) => m.workflow) };
  },
});
