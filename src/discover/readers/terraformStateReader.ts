import { readTerraformShow, TERRAFORM_STATE_LABEL } from "../../load/sources/terraform/readTerraformShow.js";
import type { TerraformFacts } from "../../load/sources/terraform/types.js";
import { mapTerraform } from "../mapTerraform.js";
import { maskJsonValues } from "../../redact/maskJsonValues.js";
import { sourceReader } from "../sourceReader.js";
import { terraformSecrets } from "../terraformSecrets.js";

/** `terraform show -json` saved as `*tfstate*.json`: recognised by content under any other name; either kind is read whichever name it has. */
const NAMED = /(?:^|\/)[^/]*tfstate[^/]*\.json$/i;

export const terraformStateReader = sourceReader<TerraformFacts>({
  kind: "terraform-state",
  label: TERRAFORM_STATE_LABEL,
  noun: "Terraform state",
  collects: /\.json$/i,
  claims: (rel) => NAMED.test(rel),
  read(file, text, mustBe) {
    const facts = readTerraformShow(file.file, text, mustBe, "terraform-state");
    if (!facts) return undefined;
    const secrets = terraformSecrets(facts);
    return { facts, warnings: [], secrets, shownText: maskJsonValues(text, facts.masked) };
  },
  map(files) {
    return { identities: files.flatMap(({ facts }) => mapTerraform(facts)), workflows: [] };
  },
});
