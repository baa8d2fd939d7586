import type { AdminUser, CreateAdminInput } from "@niaga/contracts";
import { recordAudit } from "@niaga/core/audit/audit";
import { DomainError } from "@niaga/core/shared/errors";
import { toAdminUser } from "@niaga/core/users/users.mappers";
import type { Actor } from "@niaga/core/users/users.service";
import type { Database } from "@niaga/db";
import type { Kysely } from "kysely";
import type { Auth } from "./auth.ts";
import { createUserWithPassword } from "./users.ts";

/**
 * A superadmin creates an admin (or superadmin) account with a password. The email check and
 * the unique index both guard duplicates; the audit entry names who created whom.
 */
export async function createStaffAccount(
  auth: Auth,
  db: Kysely<Database>,
  actor: Actor,
  input: CreateAdminInput,
): Promise<AdminUser> {
  const email = input.email.toLowerCase();
  const taken = await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst();
  if (taken)
    throw new DomainError("CONFLICT", "An account with this email already exists", {
      email: ["Email is already registered"],
    });
  const created = await createUserWithPassword(auth, {
    email,
    name: input.name,
    password: input.password,
    role: input.role,
  });
  await recordAudit(db, {
    actorId: actor.userId,
    action: "user.staff_created",
    targetType: "user",
    targetId: created.id,
    data: { role: input.role },
    requestId: actor.requestId,
  });
  const row = await db.selectFrom("user").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
  return toAdminUser(row);
}
