import type { Database, DomainEventTable } from "@niaga/db";
import type { Kysely, Selectable, Transaction } from "kysely";

/** An event as the dispatcher hands it to handlers: a committed outbox row. */
export interface StoredEvent {
  id: number;
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/**
 * Reacts to events. Runs inside the dispatch transaction, so its database effects commit with
 * the "dispatched" mark; it must be idempotent (record each effect under a unique key, see
 * claimEffect) because a batch that fails after some work is replayed whole.
 */
export interface EventHandler {
  /** Stable: part of every effect's idempotency key. */
  name: string;
  handle: (trx: Transaction<Database>, event: StoredEvent) => Promise<void>;
}

export interface DispatchResult {
  dispatched: number;
  /** Events that threw this run (retried on a later run until maxAttempts). */
  failed: number;
}

const DEFAULT_BATCH = 100;
const DEFAULT_MAX_ATTEMPTS = 5;

/** An outbox row as handlers and real-time streams see it. */
export function toStoredEvent(
  row: Pick<Selectable<DomainEventTable>, "id" | "type" | "aggregate_type" | "aggregate_id" | "payload" | "created_at">,
): StoredEvent {
  return {
    id: Number(row.id),
    type: row.type,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    payload: row.payload ?? {},
    createdAt: row.created_at,
  };
}

function claim(
  trx: Transaction<Database>,
  params: { limit: number; maxAttempts: number; id?: number; skip?: ReadonlySet<number> },
) {
  let query = trx
    .selectFrom("domain_events")
    .selectAll()
    .where("dispatched_at", "is", null)
    .where("dispatch_attempts", "<", params.maxAttempts);
  if (params.id !== undefined) query = query.where("id", "=", params.id);
  // An event that failed in this run waits for the next run rather than failing again at once.
  if (params.skip?.size) query = query.where("id", "not in", [...params.skip]);
  // skip locked: several workers each take a different batch instead of queueing on one.
  return query.orderBy("id").limit(params.limit).forUpdate().skipLocked().execute();
}

async function runHandlers(trx: Transaction<Database>, handlers: readonly EventHandler[], events: StoredEvent[]) {
  for (const event of events) for (const handler of handlers) await handler.handle(trx, event);
  if (events.length === 0) return;
  await trx
    .updateTable("domain_events")
    .set({ dispatched_at: new Date(), dispatch_error: null })
    .where(
      "id",
      "in",
      events.map((event) => event.id),
    )
    .execute();
}

/**
 * Drains the outbox: claims undispatched events in id order, a batch per transaction (`for update
 * skip locked`, so several workers share the work and none waits on another), runs every handler
 * on each event and marks the batch dispatched in the same transaction. A batch that throws is
 * replayed one event per transaction, so one bad event cannot hold up the rest: it gets its
 * attempt and error recorded, and after `maxAttempts` it is left undispatched with its error for
 * an operator. Returns when no claimable event is left.
 */
export async function dispatchPendingEvents(
  db: Kysely<Database>,
  params: { handlers: readonly EventHandler[]; batchSize?: number; maxAttempts?: number; maxBatches?: number },
): Promise<DispatchResult> {
  const limit = params.batchSize ?? DEFAULT_BATCH;
  const maxAttempts = params.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const result: DispatchResult = { dispatched: 0, failed: 0 };
  const failed = new Set<number>();
  for (let batch = 0; batch < (params.maxBatches ?? Number.POSITIVE_INFINITY); batch += 1) {
    let ids: number[] = [];
    try {
      const count = await db.transaction().execute(async (trx) => {
        const events = (await claim(trx, { limit, maxAttempts, skip: failed })).map(toStoredEvent);
        ids = events.map((event) => event.id);
        await runHandlers(trx, params.handlers, events);
        return events.length;
      });
      if (count === 0) return result;
      result.dispatched += count;
    } catch {
      if (ids.length === 0) throw new Error("claiming domain events failed");
      for (const id of ids) {
        if (await dispatchOne(db, params.handlers, { id, maxAttempts })) result.dispatched += 1;
        else {
          result.failed += 1;
          failed.add(id);
        }
      }
    }
  }
  return result;
}

async function dispatchOne(
  db: Kysely<Database>,
  handlers: readonly EventHandler[],
  params: { id: number; maxAttempts: number },
): Promise<boolean> {
  try {
    await db.transaction().execute(async (trx) => {
      const events = (await claim(trx, { limit: 1, maxAttempts: params.maxAttempts, id: params.id })).map(
        toStoredEvent,
      );
      await runHandlers(trx, handlers, events);
    });
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db
      .updateTable("domain_events")
      .set((eb) => ({ dispatch_attempts: eb("dispatch_attempts", "+", 1), dispatch_error: message.slice(0, 2000) }))
      .where("id", "=", params.id)
      .where("dispatched_at", "is", null)
      .execute();
    return false;
  }
}

/**
 * Records that `handler` produced its effect on `channel` for `recipientId` from `eventId`;
 * true the first time only. Call it before the effect, in the dispatch transaction.
 */
export async function claimEffect(
  trx: Transaction<Database>,
  key: { eventId: number; handler: string; recipientId: string; channel: string },
): Promise<boolean> {
  const row = await trx
    .insertInto("event_effects")
    .values({ event_id: key.eventId, handler: key.handler, recipient_id: key.recipientId, channel: key.channel })
    .onConflict((oc) => oc.doNothing())
    .returning("event_id")
    .executeTakeFirst();
  return row !== undefined;
}
