import type { Path, Position } from "../../sourceDoc.js";

/** One resource of a state's modules, or the planned `after` of one resource change. */
export interface TerraformResource {
  /** Its full address, module path included: `module.ci.aws_iam_access_key.deploy`. */
  address: string;
  type: string;
  /** Attribute values with every sensitive one dropped: a value is never kept past reading. */
  values: Record<string, unknown>;
  /** The sensitive attributes that held a value, each at its place. */
  sensitive: Array<{ attribute: string; path: Path; at: Position }>;
  at: Position;
  /** False for a data source: it reads what exists and creates nothing, though its secrets are still in the file. */
  managed: boolean;
  /** A plan's actions on it (`["delete","create"]`); absent in a state. */
  actions?: string[];
}

/** A sensitive value the file prints, by the resource (or `output.NAME`) that holds it. */
export interface TerraformSecret {
  address: string;
  attribute: string;
  path: Path;
  at: Position;
}

export interface TerraformFacts {
  file: string;
  kind: "terraform-state" | "terraform-plan";
  resources: TerraformResource[];
  /** Each sensitive value once by address and attribute, though a plan prints it up to three times. */
  secrets: TerraformSecret[];
  /** Every place a sensitive value is printed, each copy included, for masking excerpts. */
  masked: Position[];
}
