import type { SessionSummary } from "@niaga/contracts";
import type { Db } from "../shared/db.ts";
import { NotFoundError } from "../shared/errors.ts";

/** Live sessions of a user, newest first. */
export async function listSessionsOfUser(
  db: Db,
  userId: string,
  currentSessionId: string | null,
): Promise<SessionSummary[]> {
  const rows = await db
    .selectFrom("session")
    .select(["id", "createdAt", "expiresAt", "ipAddress", "userAgent"])
    .where("userId", "=", userId)
    .where("expiresAt", ">", new Date())
    .orderBy("createdAt", "desc")
    .execute();
  return rows.map((row) => ({ ...row, current: row.id === currentSessionId }));
}

/**
 * Deletes one session of a user. Sessions are read from the database on every request (no
 * cookie cache), so the next request with that token is refused. Another user's session id
 * answers NOT_FOUND, so ids do not leak.
 */
export async function revokeSessionOfUser(db: Db, userId: string, sessionId: string): Promise<void> {
  const result = await db
    .deleteFrom("session")
    .where("id", "=", sessionId)
    .where("userId", "=", userId)
    .executeTakeFirst();
  if (result.numDeletedRows === 0n) throw new NotFoundError("Session");
}

export async function revokeAllSessionsOfUser(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom("session").where("userId", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
