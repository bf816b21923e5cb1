import { readTerraformShow, TERRAFORM_PLAN_LABEL, TERRAFORM_STATE_LABEL } from "../../load/sources/terraform/readTerraformShow.js";
import type { TerraformFacts } from "../../load/sources/terraform/types.js";
import { mapTerraform } from "../mapTerraform.js";
import { maskJsonValues } from "../../redact/maskJsonValues.js";
import { sourceReader, type AnySourceReader } from "../sourceReader.js";
import { terraformSecrets } from "../terraformSecrets.js";

/**
 * `terraform show -json` of a state or of a plan: one reading and mapping, two source kinds
 * (so a finding names which). Saved as `*tfstate*.json` / `*tfplan*.json` a file is claimed by
 * its name; under any other it is recognised by content, and either kind is read whichever
 * name it has.
 */
function terraformReader(kind: "terraform-state" | "terraform-plan", label: string, noun: string, named: RegExp): AnySourceReader {
  return sourceReader<TerraformFacts>({
    kind,
    label,
    noun,
    collects: /\.json$/i,
    claims: (rel) => named.test(rel),
    read(file, text, mustBe) {
      const facts = readTerraformShow(file.file, text, mustBe, kind);
      if (!facts) return undefined;
      return { facts, warnings: [], secrets: terraformSecrets(facts), shownText: maskJsonValues(text, facts.masked) };
    },
    map(files) {
      return { identities: files.flatMap(({ facts }) => mapTerraform(facts)), workflows: [] };
    },
  });
}

export const terraformStateReader = terraformReader("terraform-state", TERRAFORM_STATE_LABEL, "Terraform state", /(?:^|\/)[^/]*tfstate[^/]*\.json$/i);
export const terraformPlanReader = terraformReader("terraform-plan", TERRAFORM_PLAN_LABEL, "Terraform plan", /(?:^|\/)[^/]*tfplan[^/]*\.json$/i);
