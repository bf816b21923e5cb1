import { readServiceAccountKeys, SERVICE_ACCOUNT_KEYS_LABEL } from "../../load/sources/gcp/readServiceAccountKeys.js";
import type { ServiceAccountKeysFacts } from "../../load/sources/gcp/types.js";
import { mapServiceAccountKeys } from "../mapServiceAccountKeys.js";
import { sourceReader } from "../sourceReader.js";

/** A key list saved under its usual names: recognised by content under any other. */
const NAMED = /(?:^|\/)[^/]*(?:service[-_]?account|sa)[-_]keys[^/]*\.json$/i;

export const gcpServiceAccountKeysReader = sourceReader<ServiceAccountKeysFacts>({
  kind: "gcp-service-account-keys",
  label: SERVICE_ACCOUNT_KEYS_LABEL,
  noun: "service-account key list",
  collects: /\.json$/i,
  claims: (rel) => NAMED.test(rel),
  read(file, text, mustBe) {
    const read = readServiceAccountKeys(file.file, text, mustBe);
    return read && { facts: read.facts, warnings: [], secrets: read.secrets };
  },
  map(files) {
    return { identities: files.flatMap(({ facts }) => mapServiceAccountKeys(facts)), workflows: [] };
  },
});
