import type { Database } from "@niaga/db";
import type { Kysely } from "kysely";
import { sql } from "kysely";

export interface LockoutPolicy {
  /** Consecutive failed sign-ins that lock the account. */
  threshold: number;
  lockMinutes: number;
}

/** Minutes left on a lock for this email, or 0 when it may try to sign in. */
export async function lockedMinutesLeft(db: Kysely<Database>, email: string): Promise<number> {
  const row = await db
    .selectFrom("login_lockouts")
    .select("locked_until")
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
  if (!row?.locked_until) return 0;
  const left = row.locked_until.getTime() - Date.now();
  return left > 0 ? Math.ceil(left / 60_000) : 0;
}

/**
 * Counts a failed sign-in in one atomic upsert (concurrent failures all count) and locks the
 * account once the count reaches the threshold. An expired lock starts a fresh count.
 */
export async function recordFailedSignIn(db: Kysely<Database>, email: string, policy: LockoutPolicy): Promise<void> {
  const lockInterval = sql`make_interval(mins => ${policy.lockMinutes})`;
  await db
    .insertInto("login_lockouts")
    .values({
      email: email.toLowerCase(),
      failed_count: 1,
      locked_until: policy.threshold <= 1 ? new Date(Date.now() + policy.lockMinutes * 60_000) : null,
      updated_at: new Date(),
    })
    .onConflict((oc) =>
      oc.column("email").doUpdateSet({
        failed_count: sql`case when login_lockouts.locked_until is not null and login_lockouts.locked_until <= now() then 1 else login_lockouts.failed_count + 1 end`,
        locked_until: sql`case
          when login_lockouts.locked_until is not null and login_lockouts.locked_until > now() then login_lockouts.locked_until
          when (case when login_lockouts.locked_until is not null and login_lockouts.locked_until <= now() then 1 else login_lockouts.failed_count + 1 end) >= ${policy.threshold}
            then now() + ${lockInterval}
          else null end`,
        updated_at: new Date(),
      }),
    )
    .execute();
}

export async function clearFailedSignIns(db: Kysely<Database>, email: string): Promise<void> {
  await db.deleteFrom("login_lockouts").where("email", "=", email.toLowerCase()).execute();
}
