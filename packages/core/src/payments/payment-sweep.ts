import type { Database } from "@niaga/db";
import type { Kysely } from "kysely";
import type { EventOutcome } from "./payment-processing.ts";
import { processPaymentEvent } from "./payment-processing.ts";
import type { PaymentProvider } from "./payment-provider.ts";
import { settleRefundDue } from "./payment-refunds.ts";

export interface SweepSummary {
  outcomes: Partial<Record<EventOutcome, number>>;
  /** Events whose processing threw; they stay unprocessed and are tried again next run. */
  failed: number;
  refunds: number;
}

/**
 * Drains the stored gateway events, oldest first, each in its own short transaction, then sends
 * the refunds that processing found due (gateway calls never run inside a transaction). Safe on
 * several workers at once: an event another worker holds is skipped (`skip locked`).
 */
export async function processPendingPaymentEvents(
  db: Kysely<Database>,
  provider: PaymentProvider,
  params: { limit?: number; now?: Date } = {},
): Promise<SweepSummary> {
  const summary: SweepSummary = { outcomes: {}, failed: 0, refunds: 0 };
  const pending = await db
    .selectFrom("payment_events")
    .select(["id", "attempts"])
    .where("processed_at", "is", null)
    .orderBy("received_at")
    .orderBy("id")
    .limit(params.limit ?? 500)
    .execute();
  for (const event of pending) {
    try {
      const outcome = await processPaymentEvent(db, { eventRowId: event.id, now: params.now });
      summary.outcomes[outcome] = (summary.outcomes[outcome] ?? 0) + 1;
    } catch (error) {
      summary.failed += 1;
      // Recorded outside the rolled-back transaction, so a poison event is visible, not silent.
      await db
        .updateTable("payment_events")
        .set((eb) => ({
          attempts: eb("attempts", "+", 1),
          last_error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
        }))
        .where("id", "=", event.id)
        .execute();
    }
  }
  const due = await db
    .selectFrom("payments")
    .select("id")
    .where("status", "=", "refund_due")
    .where("provider", "=", provider.name)
    .orderBy("updated_at")
    .limit(100)
    .execute();
  for (const payment of due) {
    if ((await settleRefundDue(db, provider, { paymentId: payment.id })) === "succeeded") summary.refunds += 1;
  }
  return summary;
}
