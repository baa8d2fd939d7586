import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { SYSTEM_ORDER_ACTOR, transitionOrder } from "./order-transition.ts";

/**
 * Completes delivered orders whose delivery is older than `olderThanDays`, in batches of one
 * transaction each. `skip locked` lets two runs (or a customer confirming at that moment) proceed
 * without waiting or double-completing; a replay finds nothing left. Returns how many completed.
 */
export async function autoCompleteDeliveredOrders(
  db: Db,
  params: { olderThanDays: number; now?: Date; batchSize?: number },
): Promise<number> {
  const cutoff = new Date((params.now ?? new Date()).getTime() - params.olderThanDays * 86_400_000);
  const batchSize = params.batchSize ?? 100;
  let completed = 0;
  for (;;) {
    const moved = await inTransaction(db, async (trx) => {
      const due = await trx
        .selectFrom("orders")
        .select("id")
        .where("status", "=", "delivered")
        .where("delivered_at", "<=", cutoff)
        .orderBy("delivered_at")
        .orderBy("id")
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const order of due) {
        await transitionOrder(trx, {
          orderId: order.id,
          to: "completed",
          actor: SYSTEM_ORDER_ACTOR,
          note: `Completed automatically ${params.olderThanDays} days after delivery`,
        });
      }
      return due.length;
    });
    completed += moved;
    if (moved < batchSize) return completed;
  }
}
