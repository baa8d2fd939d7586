import { z } from "zod";

/** Every role a Niaga account can hold. A seller is also a customer; see `rolesAllowed` in the API. */
export const ROLES = ["customer", "seller", "manager", "admin", "superadmin"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Roles staff may hold; only a superadmin grants or removes these. */
export const STAFF_ADMIN_ROLES = ["admin", "superadmin"] as const satisfies readonly Role[];

export function isAdminRole(role: Role): boolean {
  return (STAFF_ADMIN_ROLES as readonly Role[]).includes(role);
}

/** Roles someone may choose at sign-up; the rest are granted by staff. */
export const SIGN_UP_ROLES = ["customer", "seller"] as const satisfies readonly Role[];
export const signUpRoleSchema = z.enum(SIGN_UP_ROLES);
