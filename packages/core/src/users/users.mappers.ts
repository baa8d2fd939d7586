import type { AdminUser, Me, Role } from "@niaga/contracts";
import { roleSchema } from "@niaga/contracts";
import type { UserRow } from "@niaga/db";

export function roleOf(user: { role: string | null | undefined }): Role {
  const parsed = roleSchema.safeParse(user.role);
  return parsed.success ? parsed.data : "customer";
}

export function toMe(user: UserRow): Me {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: roleOf(user),
    phone: user.phone,
    image: user.image,
    emailVerified: user.emailVerified,
    createdAt: user.createdAt,
  };
}

export function toAdminUser(user: UserRow): AdminUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: roleOf(user),
    phone: user.phone,
    active: !user.banned,
    deactivatedReason: user.banned ? user.banReason : null,
    createdAt: user.createdAt,
  };
}
