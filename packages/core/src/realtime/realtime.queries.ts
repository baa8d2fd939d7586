import type { Expression, SqlBool } from "kysely";
import { sql } from "kysely";
import { toStoredEvent } from "../events/dispatch.ts";
import type { Db } from "../shared/db.ts";
import type { LiveEvent, Topic } from "./realtime.types.ts";

const COLUMNS = ["id", "type", "aggregate_type", "aggregate_id", "payload", "created_at"] as const;

/** The events with these ids, oldest first (ids not committed or unknown are absent). */
export async function findEventsByIds(db: Db, ids: readonly number[]): Promise<LiveEvent[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("domain_events")
    .select(COLUMNS)
    .where("id", "in", [...ids])
    .orderBy("id")
    .execute();
  return rows.map(toStoredEvent);
}

/** Events after `afterId`, oldest first, at most `limit`: the hub's catch-up after a reconnect. */
export async function findEventsAfter(db: Db, params: { afterId: number; limit: number }): Promise<LiveEvent[]> {
  const rows = await db
    .selectFrom("domain_events")
    .select(COLUMNS)
    .where("id", ">", params.afterId)
    .orderBy("id")
    .limit(params.limit)
    .execute();
  return rows.map(toStoredEvent);
}

/** The newest event id (0 when there is none): the cursor of a stream's first snapshot. */
export async function findLatestEventId(db: Db): Promise<number> {
  const row = await db
    .selectFrom("domain_events")
    .select((eb) => eb.fn.max("id").as("id"))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/**
 * The events of these types on these topics after `afterId`: the newest `limit` of them, returned
 * oldest first. A client far behind gets the latest state rather than an unbounded backlog.
 */
export async function findTopicEventsAfter(
  db: Db,
  params: { topics: readonly Topic[]; types: readonly string[]; afterId: number; limit: number },
): Promise<LiveEvent[]> {
  if (params.topics.length === 0 || params.types.length === 0) return [];
  const rows = await db
    .selectFrom("domain_events")
    .select(COLUMNS)
    .where("id", ">", params.afterId)
    .where("type", "in", [...params.types])
    .where((eb) =>
      eb.or(
        params.topics.map(
          (topic): Expression<SqlBool> =>
            topic.kind === "aggregate"
              ? eb.and([eb("aggregate_type", "=", topic.type), eb("aggregate_id", "=", topic.id)])
              : eb(sql<string>`payload ->> ${sql.lit(topic.field)}`, "=", topic.value),
        ),
      ),
    )
    .orderBy("id", "desc")
    .limit(params.limit)
    .execute();
  return rows.reverse().map(toStoredEvent);
}
