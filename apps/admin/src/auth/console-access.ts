import type { CurrentUser } from "@niaga/web-kit/session";

/** Roles that may use the admin console. The API enforces this on every admin procedure too. */
const CONSOLE_ROLES: ReadonlySet<CurrentUser["role"]> = new Set(["admin", "superadmin"]);

export function canUseConsole(user: CurrentUser): boolean {
  return CONSOLE_ROLES.has(user.role);
}
