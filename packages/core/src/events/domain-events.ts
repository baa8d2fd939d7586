import type { Db } from "../shared/db.ts";
import type { ArrayType } from "../shared/unnest-insert.ts";
import { insertUnnested } from "../shared/unnest-insert.ts";
import type { EventType } from "./event-catalog.ts";
import { validateEvent } from "./event-catalog.ts";

/** A fact other parts of Niaga react to (notify someone, push a real-time update). */
export interface DomainEvent {
  /** One of the catalog's types (event-catalog.ts), e.g. "order.placed", "refund.decided". */
  type: EventType;
  aggregate: { type: string; id: string };
  payload?: Record<string, unknown>;
}

/**
 * Records events in the caller's transaction (the outbox): they exist if and only if the change
 * that caused them committed. Each is checked against the event catalog first (type, aggregate,
 * payload). Delivery reads them afterwards; handlers must be idempotent.
 */
export async function emitDomainEvents(db: Db, events: readonly DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  await domainEventsInsert(events).execute(db);
}

const DOMAIN_EVENT_COLUMNS = {
  type: "text",
  aggregate_type: "text",
  aggregate_id: "text",
  payload: "jsonb",
} as const satisfies Record<string, ArrayType>;

/**
 * The outbox insert emitDomainEvents runs, checked against the catalog, for a caller that sends it
 * in one statement with its other writes (checkout/combined-writes.ts). `events` must not be empty.
 */
export function domainEventsInsert(events: readonly DomainEvent[]) {
  for (const event of events) validateEvent(event);
  return insertUnnested(
    "domain_events",
    DOMAIN_EVENT_COLUMNS,
    events.map((event) => ({
      type: event.type,
      aggregate_type: event.aggregate.type,
      aggregate_id: event.aggregate.id,
      payload: JSON.stringify(event.payload ?? {}),
    })),
  );
}
