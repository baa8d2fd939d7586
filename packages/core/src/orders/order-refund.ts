import type { Database } from "@niaga/db";
import type { Transaction } from "kysely";
import { sql } from "kysely";
import { findCapture, gatewayRefundRoom } from "../refunds/refunds.queries.ts";
import type { RequestedRefund } from "../refunds/refunds.service.ts";
import { requestRefund } from "../refunds/refunds.service.ts";

/**
 * A paid order was cancelled: what is left of the money paid for it goes back, in the
 * cancellation's transaction (a rolled-back cancel refunds nothing), the way it was paid: to the
 * original payment method as much as the gateway can still take, the rest to the wallet. The
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
      "orders.checkout_id",
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
  // Back the way it was paid: to the card what the gateway can still take (the checkout row is
  // locked, as requestRefund locks it, so that room holds), the rest (a wallet part) to the wallet.
  await trx.selectFrom("checkouts").select("id").where("id", "=", order.checkout_id).forUpdate().execute();
  const capture = await findCapture(trx, order.checkout_id);
  const room = capture ? await gatewayRefundRoom(trx, order.checkout_id, capture.amount) : 0;
  const toGateway = Math.max(0, Math.min(amount, room));
  const toWallet = amount - toGateway;
  const request = { complaintId: null, orderId: params.orderId, orderLineId: null, reason: "order cancelled" };
  const refund =
    toGateway > 0
      ? await requestRefund(trx, { ...request, amount: toGateway, destination: "original", actorId: params.actorId })
      : null;
  if (toWallet > 0) {
    await requestRefund(trx, { ...request, amount: toWallet, destination: "wallet", actorId: params.actorId });
  }
  const parts = [
    ...(toGateway > 0 ? [`${toGateway} to the original payment method`] : []),
    ...(toWallet > 0 ? [`${toWallet} to the wallet`] : []),
  ];
  return { note: `Refund of ${parts.join(" and ")}`, refund };
}
