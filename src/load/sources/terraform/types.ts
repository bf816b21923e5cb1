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
  /** A plan's actions on it (`["delete","create"]`); absent in a state. */
  actions?: string[];
}

export interface TerraformFacts {
  file: string;
  kind: "terraform-state" | "terraform-plan";
  resources: TerraformResource[];
}
