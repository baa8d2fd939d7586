import { createHash } from "node:crypto";
import type { AdminUser, ListUsersInput, Me, Role, UpdateMeInput } from "@niaga/contracts";
import { isAdminRole } from "@niaga/contracts";
import { recordAudit } from "../audit/audit.ts";
import { revokeAllSessionsOfUser } from "../sessions/sessions.service.ts";
import { encodeCursor } from "../shared/cursor.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError, ForbiddenError, NotFoundError } from "../shared/errors.ts";
import { assertImage } from "../storage/images.ts";
import type { Storage } from "../storage/storage.ts";
import { roleOf, toAdminUser, toMe } from "./users.mappers.ts";
import { findUserById, findUsersPage, lockUserById } from "./users.queries.ts";

/** Who is acting, as the API hands it to domain functions. */
export interface Actor {
  userId: string;
  role: Role;
  requestId?: string | null;
}

export async function getMe(db: Db, userId: string): Promise<Me> {
  const user = await findUserById(db, userId);
  if (!user) throw new NotFoundError("User");
  return toMe(user);
}

export async function updateMe(db: Db, userId: string, input: UpdateMeInput): Promise<Me> {
  const user = await db
    .updateTable("user")
    .set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.phone !== undefined && { phone: input.phone }),
      updatedAt: new Date(),
    })
    .where("id", "=", userId)
    .returningAll()
    .executeTakeFirst();
  if (!user) throw new NotFoundError("User");
  return toMe(user);
}

/** Stores an avatar under a content-addressed key and points the profile at it. */
export async function setAvatar(
  db: Db,
  storage: Storage,
  params: { userId: string; bytes: Uint8Array; maxBytes: number },
): Promise<Me> {
  const { extension, type } = assertImage(params.bytes, params.maxBytes);
  const hash = createHash("sha256").update(params.bytes).digest("hex").slice(0, 32);
  const stored = await storage.put({
    key: `avatars/${params.userId}/${hash}.${extension}`,
    body: params.bytes,
    contentType: type,
  });
  const user = await db
    .updateTable("user")
    .set({ image: stored.url, updatedAt: new Date() })
    .where("id", "=", params.userId)
    .returningAll()
    .executeTakeFirst();
  if (!user) throw new NotFoundError("User");
  return toMe(user);
}

export async function listUsers(
  db: Db,
  input: ListUsersInput,
): Promise<{ items: AdminUser[]; nextCursor: string | null }> {
  const rows = await findUsersPage(db, input);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(toAdminUser),
    nextCursor: rows.length > input.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}

/** Admin accounts (and promotions to them) are the superadmin's alone. */
function assertMayManage(actor: Actor, targetRole: Role, newRole?: Role) {
  const touchesAdmin = isAdminRole(targetRole) || (newRole !== undefined && isAdminRole(newRole));
  if (touchesAdmin && actor.role !== "superadmin") {
    throw new ForbiddenError("Only a superadmin manages admin accounts");
  }
}

export async function setUserRole(db: Db, actor: Actor, params: { userId: string; role: Role }): Promise<AdminUser> {
  if (params.userId === actor.userId) throw new DomainError("FORBIDDEN", "You cannot change your own role");
  return inTransaction(db, async (trx) => {
    const target = await lockUserById(trx, params.userId);
    if (!target) throw new NotFoundError("User");
    const from = roleOf(target);
    assertMayManage(actor, from, params.role);
    const updated = await trx
      .updateTable("user")
      .set({ role: params.role, updatedAt: new Date() })
      .where("id", "=", target.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorId: actor.userId,
      action: "user.role_changed",
      targetType: "user",
      targetId: target.id,
      data: { from, to: params.role },
      requestId: actor.requestId,
    });
    return toAdminUser(updated);
  });
}

/**
 * Deactivating bans the account and deletes its sessions in the same transaction, so the very
 * next request with any of its tokens is refused.
 */
export async function setUserActive(
  db: Db,
  actor: Actor,
  params: { userId: string; active: boolean; reason?: string | undefined },
): Promise<AdminUser> {
  if (params.userId === actor.userId) throw new DomainError("FORBIDDEN", "You cannot deactivate yourself");
  return inTransaction(db, async (trx) => {
    const target = await lockUserById(trx, params.userId);
    if (!target) throw new NotFoundError("User");
    assertMayManage(actor, roleOf(target));
    const updated = await trx
      .updateTable("user")
      .set({
        banned: !params.active,
        banReason: params.active ? null : (params.reason ?? "Deactivated by an administrator"),
        banExpires: null,
        updatedAt: new Date(),
      })
      .where("id", "=", target.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (!params.active) {
      await revokeAllSessionsOfUser(trx, target.id);
      await trx
        .updateTable("api_keys")
        .set({ revoked_at: new Date() })
        .where("user_id", "=", target.id)
        .where("revoked_at", "is", null)
        .execute();
    }
    await recordAudit(trx, {
      actorId: actor.userId,
      action: params.active ? "user.activated" : "user.deactivated",
      targetType: "user",
      targetId: target.id,
      data: params.reason ? { reason: params.reason } : {},
      requestId: actor.requestId,
    });
    return toAdminUser(updated);
  });
}
