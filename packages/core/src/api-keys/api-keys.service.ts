import { createHash, randomBytes } from "node:crypto";
import type { ApiKeySummary, Role } from "@niaga/contracts";
import { isAdminRole } from "@niaga/contracts";
import type { ApiKeyRow } from "@niaga/db";
import { sql } from "kysely";
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

/**
 * The user a presented key acts for, or null when it is unknown, revoked, expired or stale. The
 * user's role, email and name come with it, so the caller needs no second read of the user row.
 */
export async function authenticateApiKey(
  db: Db,
  key: string,
): Promise<{ userId: string; keyId: string; role: Role; email: string; name: string } | null> {
  if (!looksLikeApiKey(key)) return null;
  // "Last used" is for people reviewing keys: to the minute is plenty, and skipping the write
  // keeps a busy script's every request from paying for an extra commit. The stamp rides in the
  // read's own statement (a CTE), under the same conditions the checks below accept the key.
  const now = new Date();
  const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  const result = await sql<{
    id: string;
    user_id: string;
    keyRole: string | null;
    expires_at: Date | null;
    revoked_at: Date | null;
    role: string | null;
    banned: boolean | null;
    email: string;
    name: string;
  }>`
    with k as (
      select a.id, a.user_id, a.role as "keyRole", a.expires_at, a.revoked_at, a.last_used_at,
        u.role, u.banned, u.email, u.name
      from api_keys a join "user" u on u.id = a.user_id
      where a.key_hash = ${hashKey(key)}
    ), touched as (
      update api_keys a set last_used_at = ${now} from k
      where a.id = k.id and k.revoked_at is null and k.banned is not true
        and (k.expires_at is null or k.expires_at > ${now}) and k."keyRole" is not distinct from k.role
        and (k.last_used_at is null or k.last_used_at < ${stale})
    )
    select id, user_id, "keyRole", expires_at, revoked_at, role, banned, email, name from k`.execute(db);
  const row = result.rows[0];
  if (!row || row.revoked_at || row.banned) return null;
  if (row.expires_at && row.expires_at <= now) return null;
  if (row.keyRole !== row.role) return null;
  return { userId: row.user_id, keyId: row.id, role: roleOf({ role: row.role }), email: row.email, name: row.name };
}
