import type { Db } from "../shared/db.ts";
import { allocateLargestRemainder } from "../shared/money.ts";

/**
 * What the customer paid for one order line: its goods less its share of the order's discounts
 * (store coupon, platform coupon, coins), split across the order's lines by largest remainder on
 * their goods value, so the lines' paid values add up to the order's goods total exactly.
 * Shipping is not part of any line. A line outside an order (old fixtures) is worth its goods.
 */
export async function linePaidValue(db: Db, line: { id: string; orderId: string | null }): Promise<number> {
  if (!line.orderId) {
    const row = await db
      .selectFrom("order_lines")
      .select(["unit_price", "quantity"])
      .where("id", "=", line.id)
      .executeTakeFirstOrThrow();
    return row.unit_price * row.quantity;
  }
  const order = await db
    .selectFrom("orders")
    .select(["store_discount", "platform_discount", "coins_discount"])
    .where("id", "=", line.orderId)
    .executeTakeFirstOrThrow();
  const lines = await db
    .selectFrom("order_lines")
    .select(["id", "unit_price", "quantity"])
    .where("order_id", "=", line.orderId)
    .execute();
  const discount = order.store_discount + order.platform_discount + order.coins_discount;
  const shares = allocateLargestRemainder(
    discount,
    lines.map((row) => ({ key: row.id, weight: row.unit_price * row.quantity })),
  );
  const own = lines.find((row) => row.id === line.id);
  if (!own) return 0;
  return Math.max(0, own.unit_price * own.quantity - (shares.get(own.id) ?? 0));
}

/** What is already refunded or on its way back for a line (failed refunds are still owed, so they count). */
export async function lineRefundedTotal(db: Db, orderLineId: string): Promise<number> {
  const row = await db
    .selectFrom("refunds")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("amount"), eb.lit(0)).as("total"))
    .where("order_line_id", "=", orderLineId)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}
