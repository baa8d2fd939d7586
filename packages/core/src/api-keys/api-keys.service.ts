import { createHash, randomBytes } from "node:crypto";
import type { ApiKeySummary, Role } from "@niaga/contracts";
import { isAdminRole } from "@niaga/contracts";
import type { ApiKeyRow } from "@niaga/db";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { ForbiddenError, NotFoundError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { roleOf } from "../users/users.mappers.ts";
import { findUserById } from "../users/users.queries.ts";
import type { Actor } from "../users/users.service.ts";

/** Keys look like `nk_<43 chars>`; only their SHA-256 is stored, so a database leak leaks no key. */
const KEY_PREFIX = "nk_";

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(KEY_PREFIX) && value.length > 20 && value.length < 100;
}

function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

function toSummary(row: ApiKeyRow): ApiKeySummary & { role: Role } {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    userId: row.user_id,
    role: roleOf({ role: row.role }),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/**
 * Issues a key bound to a user and to the role the user holds now: if the user's role later
 * changes, the key stops working rather than silently gaining or losing powers.
 */
export async function createApiKey(
  db: Db,
  actor: Actor,
  params: { userId: string; name: string; expiresInDays?: number | undefined },
): Promise<ApiKeySummary & { role: Role; key: string }> {
  return inTransaction(db, async (trx) => {
    const user = await findUserById(trx, params.userId);
    if (!user) throw new NotFoundError("User");
    const role = roleOf(user);
    if (isAdminRole(role) && actor.role !== "superadmin")
      throw new ForbiddenError("Only a superadmin issues keys for admin accounts");
    const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
    const row = await trx
      .insertInto("api_keys")
      .values({
        id: newId(),
        name: params.name,
        prefix: key.slice(0, 10),
        key_hash: hashKey(key),
        user_id: user.id,
        role,
        created_by: actor.userId,
        expires_at: params.expiresInDays ? new Date(Date.now() + params.expiresInDays * 86_400_000) : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorId: actor.userId,
      action: "api_key.created",
      targetType: "api_key",
      targetId: row.id,
      data: { userId: user.id, name: params.name },
      requestId: actor.requestId,
    });
    return { ...toSummary(row), key };
  });
}

export async function listApiKeys(
  db: Db,
  params: { userId?: string | undefined },
): Promise<(ApiKeySummary & { role: Role })[]> {
  let query = db.selectFrom("api_keys").selectAll().orderBy("created_at", "desc").limit(500);
  if (params.userId) query = query.where("user_id", "=", params.userId);
  return (await query.execute()).map(toSummary);
}

export async function revokeApiKey(db: Db, actor: Actor, id: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable("api_keys")
      .set({ revoked_at: new Date() })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .returning(["id", "user_id"])
      .executeTakeFirst();
    if (!row) throw new NotFoundError("API key");
    await recordAudit(trx, {
      actorId: actor.userId,
      action: "api_key.revoked",
      targetType: "api_key",
      targetId: id,
      data: { userId: row.user_id },
      requestId: actor.requestId,
    });
  });
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** The user a presented key acts for, or null when it is unknown, revoked, expired or stale. */
export async function authenticateApiKey(db: Db, key: string): Promise<{ userId: string; keyId: string } | null> {
  if (!looksLikeApiKey(key)) return null;
  const row = await db
    .selectFrom("api_keys")
    .innerJoin("user", "user.id", "api_keys.user_id")
    .select([
      "api_keys.id",
      "api_keys.user_id",
      "api_keys.role as keyRole",
      "api_keys.expires_at",
      "api_keys.revoked_at",
      "api_keys.last_used_at",
      "user.role",
      "user.banned",
    ])
    .where("api_keys.key_hash", "=", hashKey(key))
    .executeTakeFirst();
  if (!row || row.revoked_at || row.banned) return null;
  if (row.expires_at && row.expires_at <= new Date()) return null;
  if (row.keyRole !== row.role) return null;
  // "Last used" is for people reviewing keys: to the minute is plenty, and skipping the write
  // keeps a busy script's every request from paying for an extra commit.
  const now = new Date();
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.updateTable("api_keys").set({ last_used_at: now }).where("id", "=", row.id).execute();
  }
  return { userId: row.user_id, keyId: row.id };
}
