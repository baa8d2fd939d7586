import type { Database } from "@niaga/db";
import type { Transaction } from "kysely";
import { sql } from "kysely";
import type { RequestedRefund } from "../refunds/refunds.service.ts";
import { requestRefund } from "../refunds/refunds.service.ts";

/**
 * A paid order was cancelled: what is left of the money paid for it goes back, in the
 * cancellation's transaction (a rolled-back cancel refunds nothing). To the original payment
 * method when the gateway can still take it (requestRefund decides; else the wallet); the
 * provider is called after commit (executeRefund, or the refunds.retry sweep), never inside.
 */
export async function requestOrderRefund(
  trx: Transaction<Database>,
  params: { orderId: string; actorId: string | null },
): Promise<{ note: string; refund: RequestedRefund | null }> {
  const order = await trx
    .selectFrom("orders")
    .select((eb) => [
      "orders.total",
      eb
        .selectFrom("journal_entries")
        .select("journal_entries.id")
        .whereRef("journal_entries.idempotency_key", "=", sql<string>`'payment.captured:' || orders.checkout_id`)
        .as("capture_entry"),
      eb
        .selectFrom("refunds")
        .select((sub) => sub.fn.coalesce(sub.fn.sum<number>("refunds.amount"), sub.lit(0)).as("sum"))
        .whereRef("refunds.order_id", "=", "orders.id")
        .as("refunded"),
    ])
    .where("orders.id", "=", params.orderId)
    .executeTakeFirstOrThrow();
  // Marked paid without a captured payment (a manager forcing an offline payment): the money never
  // went through Niaga, so nothing goes back through it either.
  if (!order.capture_entry) return { note: "No captured payment to refund", refund: null };
  // Every refund row posted its ledger reversal when it was requested, so this is what is left.
  const amount = order.total - Number(order.refunded ?? 0);
  if (amount <= 0) return { note: "Nothing left to refund", refund: null };
  const refund = await requestRefund(trx, {
    complaintId: null,
    orderId: params.orderId,
    orderLineId: null,
    amount,
    destination: "original",
    reason: "order cancelled",
    actorId: params.actorId,
  });
  const where = refund.destination === "wallet" ? "to the wallet" : "to the original payment method";
  return { note: `Refund of ${amount} ${where}`, refund };
}
