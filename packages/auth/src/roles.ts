import type { Role } from "@niaga/contracts";
import { ROLES } from "@niaga/contracts";
import { createAccessControl } from "better-auth/plugins/access";

// better-auth's admin plugin stores the role and the ban on the user row and refuses banned
// sign-ins. Its own /admin/* endpoints are not used: every staff action goes through Niaga's
// admin procedures, which apply Niaga's rules (only a superadmin manages admins) and write the
// audit log. So no role is granted any statement here, and the API blocks /api/auth/admin/*.
export const accessControl = createAccessControl({ user: [], session: [] } as const);

export const roleDefinitions = Object.fromEntries(
  ROLES.map((role) => [role, accessControl.newRole({ user: [], session: [] })]),
) as unknown as Record<Role, ReturnType<typeof accessControl.newRole>>;
