import type { AnySourceReader } from "../sourceReader.js";
import { awsAuthorizationDetailsReader } from "./awsAuthorizationDetailsReader.js";
import { awsCredentialReportReader } from "./awsCredentialReportReader.js";
import { azureDirectoryObjectsReader } from "./azureDirectoryObjectsReader.js";
import { gcpServiceAccountKeysReader } from "./gcpServiceAccountKeysReader.js";
import { githubReader } from "./githubReader.js";
import { kubernetesReader } from "./kubernetesReader.js";
import { terraformPlanReader, terraformStateReader } from "./terraformReaders.js";

/**
 * Every source discover reads, in the order a file's content is tried against them: a file
 * is the first reader's that recognises it (Terraform before Kubernetes: a state may hold a
 * `kubernetes_manifest` whose `"apiVersion"` would otherwise make it look like one). A new source is one reader file and one line here.
 */
export const READERS: readonly AnySourceReader[] = [githubReader, terraformStateReader, terraformPlanReader, kubernetesReader, awsCredentialReportReader, awsAuthorizationDetailsReader, gcpServiceAccountKeysReader, azureDirectoryObjectsReader];
