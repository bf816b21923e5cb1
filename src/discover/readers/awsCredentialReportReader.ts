import { CREDENTIAL_REPORT_LABEL, readCredentialReport } from "../../load/sources/aws/readCredentialReport.js";
import type { CredentialReportFacts } from "../../load/sources/aws/types.js";
import { mapCredentialReport } from "../mapCredentialReport.js";
import { sourceReader } from "../sourceReader.js";

/** `aws iam get-credential-report` saved under its usual names: recognised by content under any other. */
const NAMED = /(?:^|\/)[^/]*credential[-_]report[^/]*\.csv$/i;

export const awsCredentialReportReader = sourceReader<CredentialReportFacts>({
  kind: "aws-credential-report",
  label: CREDENTIAL_REPORT_LABEL,
  noun: "credential report",
  collects: /\.csv$/i,
  claims: (rel) => NAMED.test(rel),
  read(file, text, mustBe) {
    const facts = readCredentialReport(file.file, text, mustBe);
    return facts && { facts, warnings: [], secrets: [] };
  },
  map(files) {
    return { identities: files.flatMap(({ facts }) => mapCredentialReport(facts)), workflows: [] };
  },
});
