import { DIRECTORY_OBJECTS_LABEL, readDirectoryObjects } from "../../load/sources/azure/readDirectoryObjects.js";
import type { DirectoryObjectsFacts } from "../../load/sources/azure/types.js";
import { mapDirectoryObjects } from "../mapDirectoryObjects.js";
import { sourceReader } from "../sourceReader.js";

/** `az ad sp list` / `az ad app list` saved under their usual names: recognised by content under any other. */
const NAMED = /(?:^|\/)(?:[^/]*[-_.])?(?:sp|app|service[-_]?principals?|apps|applications)[-_]list[^/]*\.json$/i;

export const azureDirectoryObjectsReader = sourceReader<DirectoryObjectsFacts>({
  kind: "azure-directory-objects",
  label: DIRECTORY_OBJECTS_LABEL,
  noun: "service principal or application list",
  collects: /\.json$/i,
  claims: (rel) => NAMED.test(rel),
  read(file, text, mustBe) {
    const read = readDirectoryObjects(file.file, text, mustBe);
    return read && { facts: read.facts, warnings: [], secrets: read.secrets };
  },
  map(files) {
    return { identities: mapDirectoryObjects(files.map((f) => f.facts)), workflows: [] };
  },
});
