import type { PaymentProviderName } from "@niaga/db";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import type { NormalizedPaymentEvent } from "./payment-provider.ts";

export interface RecordedEvents {
  /** Events stored now (to be processed by the `payments.process-events` job). */
  stored: number;
  /** Events already stored before: nothing was done for them. */
  duplicates: number;
}

/**
 * Stores verified gateway events, each (provider, event id) once. This is all a webhook does:
 * the stored row is the durable queue that the `payments.process-events` job drains (see
 * payment-processing.ts), so a crash after this commit loses nothing and a redelivery or a
 * concurrent duplicate stores nothing new.
 */
export async function recordPaymentEvents(
  db: Db,
  params: { provider: PaymentProviderName; events: readonly NormalizedPaymentEvent[]; payload: unknown },
): Promise<RecordedEvents> {
  if (params.events.length === 0) return { stored: 0, duplicates: 0 };
  const payload = JSON.stringify(params.payload ?? null);
  const inserted = await db
    .insertInto("payment_events")
    .values(
      params.events.map((event) => ({
        id: newId(),
        provider: params.provider,
        event_id: event.eventId,
        type: event.type,
        provider_ref: event.providerRef,
        amount: event.amount,
        payload,
        processed_at: null,
        outcome: null,
        last_error: null,
      })),
    )
    .onConflict((oc) => oc.columns(["provider", "event_id"]).doNothing())
    .returning("id")
    .execute();
  return { stored: inserted.length, duplicates: params.events.length - inserted.length };
}

/**
 * The sandbox's approve/decline: records the event a gateway would have sent for this payment,
 * with a generated event id, down the same path as a real webhook. NOT_FOUND for an unknown or
 * non-sandbox payment; CONFLICT once it is decided.
 */
export function recordSandboxDecision(
  db: Db,
  params: { paymentId: string; outcome: "approve" | "decline" },
): Promise<RecordedEvents & { eventId: string }> {
  return inTransaction(db, async (trx) => {
    const payment = await trx
      .selectFrom("payments")
      .select(["id", "provider", "provider_ref", "status", "amount"])
      .where("id", "=", params.paymentId)
      .forUpdate()
      .executeTakeFirst();
    if (payment?.provider !== "sandbox" || !payment.provider_ref) throw new NotFoundError("Sandbox payment");
    if (payment.status !== "pending") throw new DomainError("CONFLICT", `This payment is already ${payment.status}`);
    const event: NormalizedPaymentEvent = {
      eventId: `sbx_evt_${newId()}`,
      type: params.outcome === "approve" ? "succeeded" : "failed",
      providerRef: payment.provider_ref,
      amount: payment.amount,
    };
    const recorded = await recordPaymentEvents(trx, { provider: "sandbox", events: [event], payload: event });
    return { ...recorded, eventId: event.eventId };
  });
}
