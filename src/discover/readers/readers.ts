import type { AnySourceReader } from "../sourceReader.js";
import { awsAuthorizationDetailsReader } from "./awsAuthorizationDetailsReader.js";
import { awsCredentialReportReader } from "./awsCredentialReportReader.js";
import { azureDirectoryObjectsReader } from "./azureDirectoryObjectsReader.js";
import { gcpServiceAccountKeysReader } from "./gcpServiceAccountKeysReader.js";
import { githubReader } from "./githubReader.js";
import { kubernetesReader } from "./kubernetesReader.js";

/**
 * Every source discover reads, in the order a file's content is tried against them: a file
 * is the first reader's that recognises it. A new source is one reader file and one line here.
 */
export const READERS: readonly AnySourceReader[] = [githubReader, kubernetesReader, awsCredentialReportReader, awsAuthorizationDetailsReader, gcpServiceAccountKeysReader, azureDirectoryObjectsReader];
