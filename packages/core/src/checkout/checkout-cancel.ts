import { cancelCheckoutOrders } from "../orders/orders.checkout.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { releaseCheckoutExtras } from "./checkout-close.ts";
import { releaseCheckoutStock } from "./stock-holds.ts";

/**
 * Cancels an unpaid checkout (its payment failed or was cancelled): its orders are cancelled,
 * its held stock, coupon uses and coins released, and the checkout closed, in the caller's
 * transaction. Only a checkout still pending payment changes; anything else (paid, expired,
 * already cancelled) is left alone, so a replayed event is harmless. Returns whether it changed.
 */
export function cancelCheckout(
  db: Db,
  params: { checkoutId: string; reason: string; actorId?: string | null; now?: Date },
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const checkout = await trx
      .selectFrom("checkouts")
      .select(["id", "status"])
      .where("id", "=", params.checkoutId)
      .forUpdate()
      .executeTakeFirst();
    if (checkout?.status !== "pending_payment") return false;
    const actorId = params.actorId ?? null;
    await cancelCheckoutOrders(trx, {
      checkoutId: checkout.id,
      actor: { userId: actorId, role: "system" },
      note: params.reason,
    });
    await releaseCheckoutStock(trx, { checkoutId: checkout.id, actorId });
    await releaseCheckoutExtras(trx, { checkoutId: checkout.id });
    await trx
      .updateTable("checkouts")
      .set({ status: "cancelled", closed_at: params.now ?? new Date() })
      .where("id", "=", checkout.id)
      .execute();
    return true;
  });
}
