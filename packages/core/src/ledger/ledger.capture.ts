import type { Database } from "@niaga/db";
import type { Transaction } from "kysely";
import { commissionOn } from "./commission.ts";
import { accounts } from "./ledger.accounts.ts";
import type { JournalLineInput, PostedEntry } from "./ledger.service.ts";
import { postJournalEntry } from "./ledger.service.ts";

/**
 * Posts the capture of a checkout's payment, in the transaction that marks it paid:
 *   Dr gateway clearing (what the provider captured)   Dr wallet held (the part paid from the wallet)
 *   Dr coins liability (coins redeemed)                 Dr platform promotions (platform coupons)
 *   Cr each seller's pending balance (their order's goods and shipping, after their own coupon,
 *      less the commission frozen on the order)        Cr platform revenue (the commissions)
 * Order totals already add up to the grand total exactly (shares were split by largest
 * remainder at checkout), so the entry balances to the minor unit. Idempotent per checkout.
 */
export async function recordPaymentCaptured(
  trx: Transaction<Database>,
  params: { checkoutId: string; provider: string; actorId?: string | null },
): Promise<PostedEntry> {
  const checkout = await trx
    .selectFrom("checkouts")
    .select(["id", "customer_id", "currency", "grand_total", "wallet_amount", "coins_value", "platform_discount"])
    .where("id", "=", params.checkoutId)
    .executeTakeFirstOrThrow();
  const orders = await trx
    .selectFrom("orders")
    .select([
      "id",
      "store_id",
      "subtotal",
      "store_discount",
      "platform_discount",
      "coins_discount",
      "total",
      "commission_bps",
    ])
    .where("checkout_id", "=", checkout.id)
    .orderBy("id")
    .execute();
  const wallet = checkout.wallet_amount;
  const lines: JournalLineInput[] = [
    { account: accounts.gatewayClearing(params.provider), amount: checkout.grand_total - wallet },
    { account: accounts.customerWalletHeld(checkout.customer_id), amount: wallet },
    { account: accounts.coinsLiability(), amount: checkout.coins_value },
    { account: accounts.platformPromotions(), amount: checkout.platform_discount },
  ];
  for (const order of orders) {
    const commission = commissionOn({
      subtotal: order.subtotal,
      storeDiscount: order.store_discount,
      commissionBps: order.commission_bps,
    });
    lines.push({
      account: accounts.sellerPending(order.store_id),
      amount: -(order.total + order.platform_discount + order.coins_discount - commission),
    });
    lines.push({ account: accounts.platformRevenue(), amount: -commission });
  }
  return postJournalEntry(trx, {
    kind: "payment.captured",
    reference: { type: "checkout", id: checkout.id },
    idempotencyKey: `payment.captured:${checkout.id}`,
    currency: checkout.currency,
    lines,
    memo: `Payment for checkout ${checkout.id} via ${params.provider}`,
    actorId: params.actorId ?? null,
    mustStayNonNegative: wallet > 0 ? [accounts.customerWalletHeld(checkout.customer_id)] : [],
  });
}
