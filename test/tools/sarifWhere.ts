interface Sarif { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> }

/** A SARIF report's findings of the rules with a prefix, as sorted `RULE file:line`. */
export function sarifWhere(sarif: string, prefix: string): string[] {
  return (JSON.parse(sarif) as Sarif).runs[0]!.results
    .filter((x) => x.ruleId.startsWith(prefix))
    .map((x) => `${x.ruleId} ${x.locations[0]!.physicalLocation.artifactLocation.uri}:${x.locations[0]!.physicalLocation.region.startLine}`)
    .sort();
}
