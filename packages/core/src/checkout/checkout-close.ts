import { refundCheckoutCoins } from "../coins/coins.checkout.ts";
import { releaseCouponRedemptions } from "../coupons/coupons.checkout.ts";
import type { Db } from "../shared/db.ts";

/**
 * Called in the transaction that cancelled one of a checkout's orders. Once every order of the
 * checkout is cancelled, the checkout is closed: an unpaid one becomes cancelled, and what it
 * held beyond stock (coupon uses, redeemed coins) is released. Idempotent.
 */
export async function settleCheckoutAfterOrderCancel(trx: Db, params: { checkoutId: string }): Promise<boolean> {
  const checkout = await trx
    .selectFrom("checkouts")
    .select(["id", "status", "closed_at"])
    .where("id", "=", params.checkoutId)
    .forUpdate()
    .executeTakeFirst();
  if (!checkout || checkout.closed_at) return false;
  const open = await trx
    .selectFrom("orders")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("checkout_id", "=", params.checkoutId)
    .where("status", "<>", "cancelled")
    .executeTakeFirstOrThrow();
  if (Number(open.n) > 0) return false;
  await trx
    .updateTable("checkouts")
    .set({ status: checkout.status === "pending_payment" ? "cancelled" : checkout.status, closed_at: new Date() })
    .where("id", "=", params.checkoutId)
    .execute();
  await releaseCheckoutExtras(trx, params);
  return true;
}

/** Frees what a closed checkout held besides stock: its coupon uses and its redeemed coins. Idempotent. */
export async function releaseCheckoutExtras(trx: Db, params: { checkoutId: string }): Promise<void> {
  await releaseCouponRedemptions(trx, params);
  await refundCheckoutCoins(trx, params);
}
