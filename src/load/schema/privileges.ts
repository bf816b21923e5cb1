import { z } from "zod";
import { API_VERSION } from "./common.js";

/**
 * A class of grants that give an identity wide authority, however its provider spells them.
 * `privileges` are whole privilege strings as an inventory writes them (`aws:policy/AdministratorAccess`);
 * `names` are a privilege's last part after `:`, `/` or `.` (`admin` in `prod:admin`), `endings`
 * how that part ends, `parts` any part (`*` anywhere is a wildcard). All are
 * compared without regard to case, and a namespace scope (`@payments`) is set aside first: an
 * admin inside one namespace is still an admin there.
 */
export const PrivilegeClass = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, "expected a lower-case kebab-case id"),
    meaning: z.string().min(1).describe("One line: what a grant of this class lets the identity do."),
    privileges: z.array(z.string().min(1).max(200)).optional().describe("Whole privilege strings, e.g. gcp:roles/owner."),
    names: z.array(z.string().min(1).max(100)).optional().describe("A privilege's last part, e.g. admin, full-access."),
    endings: z.array(z.string().min(4).max(100)).optional().describe("How a privilege's last part may end, e.g. FullAccess for every AWS managed *FullAccess policy."),
    parts: z.array(z.string().min(1).max(100)).optional().describe("Any part of a privilege, e.g. * in kubernetes:*:get@payments (a wildcard resource)."),
  })
  .refine((c) => (c.privileges?.length ?? 0) + (c.names?.length ?? 0) + (c.endings?.length ?? 0) + (c.parts?.length ?? 0) > 0, {
    message: "expected privileges, names, endings or parts: a class that names nothing never matches",
  });
export type PrivilegeClass = z.infer<typeof PrivilegeClass>;

export const PrivilegesFile = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal("Privileges"),
  broad: z.array(PrivilegeClass).describe("Grants that count as wildcard or admin privileges (the fact identity.broadPrivileges)."),
});
