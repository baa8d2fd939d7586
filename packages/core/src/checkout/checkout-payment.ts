import { confirmCouponRedemptions } from "../coupons/coupons.checkout.ts";
import { emitDomainEvents } from "../events/domain-events.ts";
import { recordPaymentCaptured } from "../ledger/ledger.capture.ts";
import { markCheckoutOrdersPaid } from "../orders/orders.checkout.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import { commitCheckoutStock } from "./stock-holds.ts";

/**
 * The payment for a checkout was captured: its held stock leaves the shelf, its pending orders
 * become paid, its coupon uses are confirmed and the capture is posted to the ledger, in one
 * transaction. Idempotent: a checkout that
 * is already paid is left as it is (webhooks are delivered more than once). A checkout that
 * expired or was cancelled refuses with CONFLICT, so the payment step can refund instead.
 */
export async function markCheckoutPaid(
  db: Db,
  params: {
    checkoutId: string;
    /** Which provider captured the money ("sandbox", "stripe", "midtrans"): its clearing account is debited. */
    provider: string;
    actorId?: string | null;
    now?: Date;
  },
): Promise<{ alreadyPaid: boolean }> {
  return inTransaction(db, async (trx) => {
    const checkout = await trx
      .selectFrom("checkouts")
      .select(["id", "status", "customer_id"])
      .where("id", "=", params.checkoutId)
      .forUpdate()
      .executeTakeFirst();
    if (!checkout) throw new NotFoundError("Checkout");
    if (checkout.status === "paid") return { alreadyPaid: true };
    if (checkout.status !== "pending_payment") {
      throw new DomainError("CONFLICT", `A checkout that is ${checkout.status} cannot be paid`);
    }
    const actorId = params.actorId ?? null;
    // Ledger accounts before stock: the lock order checkout keeps (wallet accounts, then stock).
    await recordPaymentCaptured(trx, { checkoutId: checkout.id, provider: params.provider, actorId });
    await commitCheckoutStock(trx, { checkoutId: checkout.id, actorId });
    await markCheckoutOrdersPaid(trx, {
      checkoutId: checkout.id,
      actor: { userId: actorId },
      note: "Payment received",
    });
    await confirmCouponRedemptions(trx, { checkoutId: checkout.id });

    await trx
      .updateTable("checkouts")
      .set({ status: "paid", paid_at: params.now ?? new Date() })
      .where("id", "=", checkout.id)
      .execute();
    await emitDomainEvents(trx, [
      {
        type: "payment.confirmed",
        aggregate: { type: "checkout", id: checkout.id },
        payload: { provider: params.provider, customerId: checkout.customer_id },
      },
    ]);
    return { alreadyPaid: false };
  });
}
