import type { Database } from "@niaga/db";
import type { Transaction } from "kysely";
import { commissionOn } from "../ledger/commission.ts";

/** An order's settlement row, locked for the rest of the caller's transaction. */
export interface LockedSettlement {
  orderId: string;
  orderNumber: string;
  storeId: string;
  customerId: string;
  currency: string;
  sellerShare: number;
  commission: number;
  moneyTotal: number;
  platformDiscount: number;
  coinsValue: number;
  refunded: number;
  sellerRefunded: number;
  commissionRefunded: number;
  discountRefunded: number;
  coinsRefunded: number;
  completedAt: Date | null;
}

/**
 * Locks the order, then its settlement row (created on first use from the order's frozen
 * amounts, with the formula ledger.capture.ts credits seller_pending with). Returns null when the
 * order's checkout has no capture entry: nothing was ever credited, so nothing can move.
 * Lock order: the order row, then its settlement row (the order transition holds the first already).
 */
export async function lockSettlement(trx: Transaction<Database>, orderId: string): Promise<LockedSettlement | null> {
  const order = await trx
    .selectFrom("orders as o")
    .innerJoin("checkouts as c", "c.id", "o.checkout_id")
    .select([
      "o.id",
      "o.number",
      "o.store_id",
      "o.customer_id",
      "o.checkout_id",
      "o.subtotal",
      "o.store_discount",
      "o.platform_discount",
      "o.coins_discount",
      "o.total",
      "o.commission_bps",
      "c.currency",
    ])
    .where("o.id", "=", orderId)
    .forUpdate("o")
    .executeTakeFirst();
  if (!order) return null;
  const capture = await trx
    .selectFrom("journal_entries")
    .select("id")
    .where("idempotency_key", "=", `payment.captured:${order.checkout_id}`)
    .executeTakeFirst();
  if (!capture) return null;
  const commission = commissionOn({
    subtotal: order.subtotal,
    storeDiscount: order.store_discount,
    commissionBps: order.commission_bps,
  });
  await trx
    .insertInto("order_settlements")
    .values({
      order_id: order.id,
      store_id: order.store_id,
      seller_share: order.total + order.platform_discount + order.coins_discount - commission,
      commission,
      money_total: order.total,
      platform_discount: order.platform_discount,
      coins_value: order.coins_discount,
    })
    .onConflict((oc) => oc.column("order_id").doNothing())
    .execute();
  const row = await trx
    .selectFrom("order_settlements")
    .selectAll()
    .where("order_id", "=", order.id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return {
    orderId: order.id,
    orderNumber: order.number,
    storeId: order.store_id,
    customerId: order.customer_id,
    currency: order.currency,
    sellerShare: row.seller_share,
    commission: row.commission,
    moneyTotal: row.money_total,
    platformDiscount: row.platform_discount,
    coinsValue: row.coins_value,
    refunded: row.refunded,
    sellerRefunded: row.seller_refunded,
    commissionRefunded: row.commission_refunded,
    discountRefunded: row.discount_refunded,
    coinsRefunded: row.coins_refunded,
    completedAt: row.completed_at,
  };
}
