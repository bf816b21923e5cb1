import { readTerraformShow, TERRAFORM_PLAN_LABEL } from "../../load/sources/terraform/readTerraformShow.js";
import type { TerraformFacts } from "../../load/sources/terraform/types.js";
import { mapTerraform } from "../mapTerraform.js";
import { maskJsonValues } from "../../redact/maskJsonValues.js";
import { sourceReader } from "../sourceReader.js";
import { terraformSecrets } from "../terraformSecrets.js";

/** `terraform show -json` saved as `*tfplan*.json`: recognised by content under any other name; either kind is read whichever name it has. */
const NAMED = /(?:^|\/)[^/]*tfplan[^/]*\.json$/i;

export const terraformPlanReader = sourceReader<TerraformFacts>({
  kind: "terraform-plan",
  label: TERRAFORM_PLAN_LABEL,
  noun: "Terraform plan",
  collects: /\.json$/i,
  claims: (rel) => NAMED.test(rel),
  read(file, text, mustBe) {
    const facts = readTerraformShow(file.file, text, mustBe, "terraform-plan");
    if (!facts) return undefined;
    const secrets = terraformSecrets(facts);
    return { facts, warnings: [], secrets, shownText: maskJsonValues(text, facts.masked) };
  },
  map(files) {
    return { identities: files.flatMap(({ facts }) => mapTerraform(facts)), workflows: [] };
  },
});
