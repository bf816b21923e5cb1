import { AUTHORIZATION_DETAILS_LABEL, readAuthorizationDetails } from "../../load/sources/aws/readAuthorizationDetails.js";
import type { AuthorizationDetailsFacts } from "../../load/sources/aws/types.js";
import { mapAuthorizationDetails } from "../mapAuthorizationDetails.js";
import { sourceReader } from "../sourceReader.js";

/** `aws iam get-account-authorization-details` saved under its usual names: recognised by content under any other. */
const NAMED = /(?:^|\/)[^/]*authori[sz]ation[-_]details[^/]*\.json$/i;

export const awsAuthorizationDetailsReader = sourceReader<AuthorizationDetailsFacts>({
  kind: "aws-authorization-details",
  label: AUTHORIZATION_DETAILS_LABEL,
  noun: "authorization-details export",
  collects: /\.json$/i,
  claims: (rel) => NAMED.test(rel),
  read(file, text, mustBe) {
    const read = readAuthorizationDetails(file.file, text, mustBe);
    return read && { facts: read.facts, warnings: [], secrets: [] };
  },
  map(files) {
    return { identities: files.flatMap(({ facts }) => mapAuthorizationDetails(facts)), workflows: [] };
  },
});
