import type { Database } from "@niaga/db";
import type { Kysely } from "kysely";
import { emitDomainEvents } from "../events/domain-events.ts";
import { cancelCheckoutOrders } from "../orders/orders.checkout.ts";
import { releaseCheckoutExtras } from "./checkout-close.ts";
import { releaseCheckoutStock } from "./stock-holds.ts";

/** Checkouts expired per batch: one short transaction each, so a sweep never holds many locks. */
const BATCH = 100;

/**
 * Expires unpaid checkouts whose payment window has passed: their orders are cancelled, their
 * held stock, coupon uses and coins released, and the checkout marked expired. Safe to run on
 * several workers at once (rows are claimed with `skip locked`) and to replay: an expired
 * checkout is no longer pending, so a second run finds nothing to do. Returns how many expired.
 */
export async function expireUnpaidCheckouts(db: Kysely<Database>, params: { now?: Date } = {}): Promise<number> {
  const now = params.now ?? new Date();
  let expired = 0;
  for (;;) {
    const batch = await db
      .selectFrom("checkouts")
      .select("id")
      .where("status", "=", "pending_payment")
      .where("expires_at", "<=", now)
      .orderBy("expires_at")
      .limit(BATCH)
      .execute();
    if (batch.length === 0) return expired;
    let progressed = false;
    for (const { id } of batch) {
      const done = await db.transaction().execute(async (trx) => {
        const checkout = await trx
          .selectFrom("checkouts")
          .select(["id", "customer_id"])
          .where("id", "=", id)
          .where("status", "=", "pending_payment")
          .where("expires_at", "<=", now)
          .forUpdate()
          .skipLocked()
          .executeTakeFirst();
        if (!checkout) return false;
        // Coupons and coins before stock: the lock order every money path keeps (see checkout.write.ts).
        await releaseCheckoutExtras(trx, { checkoutId: id });
        await cancelCheckoutOrders(trx, {
          checkoutId: id,
          actor: { userId: null, role: "system" },
          note: "Payment window expired",
        });
        await releaseCheckoutStock(trx, { checkoutId: id, actorId: null });
        await trx.updateTable("checkouts").set({ status: "expired", closed_at: now }).where("id", "=", id).execute();
        await emitDomainEvents(trx, [
          {
            type: "checkout.expired",
            aggregate: { type: "checkout", id },
            payload: { checkoutId: id, customerId: checkout.customer_id },
          },
        ]);
        return true;
      });
      if (done) expired += 1;
      progressed ||= done;
    }
    // Every row of the batch was locked by another worker: leave them to it.
    if (!progressed) return expired;
  }
}
