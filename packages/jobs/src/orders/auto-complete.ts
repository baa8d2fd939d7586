import { autoCompleteDeliveredOrders } from "@niaga/core/orders/auto-complete";
import type { JobDeps } from "../definitions.ts";

/** Completes delivered orders the customer never confirmed, ORDER_AUTO_COMPLETE_DAYS after delivery. */
export async function runOrderAutoComplete({ db, logger, config }: JobDeps): Promise<void> {
  const completed = await autoCompleteDeliveredOrders(db, { olderThanDays: config.ORDER_AUTO_COMPLETE_DAYS });
  if (completed > 0) logger.info("orders.auto-complete done", { completed });
}
