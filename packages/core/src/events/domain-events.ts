import type { Db } from "../shared/db.ts";

/** A fact other parts of Niaga react to (notify someone, push a real-time update). */
export interface DomainEvent {
  /** e.g. "complaint.opened", "refund.decided", "withdrawal.decided", "payment.confirmed". */
  type: string;
  aggregate: { type: string; id: string };
  payload?: Record<string, unknown>;
}

/**
 * Records events in the caller's transaction (the outbox): they exist if and only if the change
 * that caused them committed. Delivery reads them afterwards; handlers must be idempotent.
 */
export async function emitDomainEvents(db: Db, events: readonly DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto("domain_events")
    .values(
      events.map((event) => ({
        type: event.type,
        aggregate_type: event.aggregate.type,
        aggregate_id: event.aggregate.id,
        payload: JSON.stringify(event.payload ?? {}),
      })),
    )
    .execute();
}
