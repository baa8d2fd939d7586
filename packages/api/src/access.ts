import type { Role } from "@niaga/contracts";

/**
 * Who may call a procedure: anyone, any signed-in account, or a set of roles. Every procedure
 * declares one (through its base procedure), and the RBAC matrix test walks them all.
 */
export type Access = { kind: "public" } | { kind: "authed" } | { kind: "roles"; roles: readonly Role[] };

/** The permission table: each role router's audience. A seller is also a customer; admins can do what managers do. */
export const ROLE_ACCESS = {
  customer: ["customer", "seller"],
  seller: ["seller"],
  manager: ["manager", "admin", "superadmin"],
  admin: ["admin", "superadmin"],
  superadmin: ["superadmin"],
} as const satisfies Record<string, readonly Role[]>;

export function isAllowed(access: Access, role: Role | null): boolean {
  if (access.kind === "public") return true;
  if (role === null) return false;
  if (access.kind === "authed") return true;
  return access.roles.includes(role);
}
