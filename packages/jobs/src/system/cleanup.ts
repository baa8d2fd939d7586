import type { Database } from "@niaga/db";
import type { Kysely } from "kysely";

/** Deletes expired sessions and tokens, stale rate-limit counters and spent lockouts. */
export async function cleanupExpiredAuthData(db: Kysely<Database>) {
  const now = new Date();
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const [sessions, verifications, rateLimits, lockouts] = await Promise.all([
    db.deleteFrom("session").where("expiresAt", "<", now).executeTakeFirst(),
    db.deleteFrom("verification").where("expiresAt", "<", now).executeTakeFirst(),
    db.deleteFrom("rateLimit").where("lastRequest", "<", dayAgo.getTime()).executeTakeFirst(),
    db
      .deleteFrom("login_lockouts")
      .where("updated_at", "<", dayAgo)
      .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", now)]))
      .executeTakeFirst(),
  ]);
  return {
    sessions: Number(sessions.numDeletedRows),
    verifications: Number(verifications.numDeletedRows),
    rateLimits: Number(rateLimits.numDeletedRows),
    lockouts: Number(lockouts.numDeletedRows),
  };
}
