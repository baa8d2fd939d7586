import type { Database } from "@niaga/db";
import type { Transaction } from "kysely";
import { sql } from "kysely";
import { calendarDate } from "../coins/coins.policy.ts";
import type { Mailer } from "../mail/mailer.ts";
import { DIGEST_LISTED_TITLES, digestEmail } from "../mail/templates-digest.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";

/** Digests go out from this local hour on (08:00 in MARKETPLACE_TIME_ZONE), not at night. */
export const DIGEST_FROM_LOCAL_HOUR = 8;

/** The hour (0-23) of `instant` in `timeZone`. */
function localHour(instant: Date, timeZone: string): number {
  const hour = new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", hourCycle: "h23" })
    .formatToParts(instant)
    .find((part) => part.type === "hour")?.value;
  return Number(hour ?? 0);
}

/**
 * Users owed today's digest: unread notifications older than the cutoff, the digest switch not
 * turned off, not banned, and no digest recorded for the day yet.
 */
async function dueUsers(db: Db, params: { day: string; cutoff: Date; limit: number }): Promise<string[]> {
  const rows = await db
    .selectFrom("user as u")
    .select("u.id")
    .where((eb) => eb.or([eb("u.banned", "is", null), eb("u.banned", "=", false)]))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("notifications as n")
          .select(sql.lit(1).as("one"))
          .whereRef("n.user_id", "=", "u.id")
          .where("n.read_at", "is", null)
          .where("n.created_at", "<", params.cutoff),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("notification_settings as s")
            .select(sql.lit(1).as("one"))
            .whereRef("s.user_id", "=", "u.id")
            .where("s.digest", "=", false),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("notification_digests as d")
            .select(sql.lit(1).as("one"))
            .whereRef("d.user_id", "=", "u.id")
            .where("d.day", "=", sql<string>`${params.day}::date`),
        ),
      ),
    )
    .orderBy("u.id")
    .limit(params.limit)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * One user's digest in one transaction. The (user, day) row is claimed first: a concurrent run
 * waits on the unique key and then finds it taken, so it sends nothing. With the dev outbox the
 * email is written in this transaction too (exactly once); an SMTP send happens before the commit.
 */
async function sendOne(
  trx: Transaction<Database>,
  params: { userId: string; day: string; cutoff: Date; mailer: Mailer },
): Promise<boolean> {
  const unread = await trx
    .selectFrom("notifications")
    .select(["title"])
    .where("user_id", "=", params.userId)
    .where("read_at", "is", null)
    .where("created_at", "<", params.cutoff)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  if (unread.length === 0) return false;
  const claimed = await trx
    .insertInto("notification_digests")
    .values({ user_id: params.userId, day: params.day, count: unread.length })
    .onConflict((oc) => oc.columns(["user_id", "day"]).doNothing())
    .returning("user_id")
    .executeTakeFirst();
  if (!claimed) return false;
  const user = await trx
    .selectFrom("user")
    .select(["email", "name", "language"])
    .where("id", "=", params.userId)
    .executeTakeFirstOrThrow();
  await params.mailer.send(
    digestEmail({
      to: user.email,
      name: user.name,
      language: user.language,
      count: unread.length,
      titles: unread.slice(0, DIGEST_LISTED_TITLES).map((row) => row.title),
    }),
  );
  return true;
}

/**
 * The daily notification digest (issue 6): emails each user with unread in-app notifications
 * older than `minAgeHours` one digest per calendar day in `timeZone`, unless they turned the
 * digest off. Before DIGEST_FROM_LOCAL_HOUR it does nothing; run hourly, later runs of the day
 * only reach users who became due since. Replayed or concurrent runs send at most one per user
 * per day (the notification_digests row). Each user is their own transaction, so one bad
 * address does not hold back the rest.
 */
export async function sendNotificationDigests(
  db: Db,
  params: {
    mailerFor: (trx: Transaction<Database>) => Mailer;
    timeZone: string;
    minAgeHours: number;
    now?: Date;
    fromLocalHour?: number;
    batchSize?: number;
  },
): Promise<{ day: string; sent: number }> {
  const now = params.now ?? new Date();
  const day = calendarDate(now, params.timeZone);
  if (localHour(now, params.timeZone) < (params.fromLocalHour ?? DIGEST_FROM_LOCAL_HOUR)) return { day, sent: 0 };
  const cutoff = new Date(now.getTime() - params.minAgeHours * 3_600_000);
  const batchSize = params.batchSize ?? 500;
  let sent = 0;
  const seen = new Set<string>();
  for (;;) {
    const due = (await dueUsers(db, { day, cutoff, limit: batchSize })).filter((id) => !seen.has(id));
    if (due.length === 0) break;
    for (const userId of due) {
      seen.add(userId);
      const done = await inTransaction(db, (trx) =>
        sendOne(trx, { userId, day, cutoff, mailer: params.mailerFor(trx) }),
      );
      if (done) sent += 1;
    }
  }
  return { day, sent };
}
