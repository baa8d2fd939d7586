import type { OrderStatus } from "@niaga/db";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { canTransition } from "./order-state.ts";
import { transitionOrder } from "./order-transition.ts";

/** Whoever triggered the payment or expiry step; the transition itself is the system's. */
export interface CheckoutStepActor {
  userId: string | null;
  role?: string | undefined;
}

const systemActor = (actor: CheckoutStepActor) => ({
  kind: "system" as const,
  userId: actor.userId,
  role: actor.role ?? "system",
});

/** The checkout's orders locked in id order (one order for every caller), with their states. */
function lockCheckoutOrders(trx: Db, checkoutId: string): Promise<{ id: string; status: OrderStatus }[]> {
  return trx
    .selectFrom("orders")
    .select(["id", "status"])
    .where("checkout_id", "=", checkoutId)
    .orderBy("id")
    .forUpdate()
    .execute();
}

/**
 * Moves every pending_payment order of the checkout to paid, each with its event. Called by the
 * payment step after it locked the checkout and committed its stock; returns the orders moved.
 * Orders no longer pending (cancelled meanwhile) are left as they are.
 */
export function markCheckoutOrdersPaid(
  trx: Db,
  params: { checkoutId: string; actor: CheckoutStepActor; note?: string },
): Promise<string[]> {
  return inTransaction(trx, async (tx) => {
    const paid: string[] = [];
    for (const order of await lockCheckoutOrders(tx, params.checkoutId)) {
      if (order.status !== "pending_payment") continue;
      await transitionOrder(tx, { orderId: order.id, to: "paid", actor: systemActor(params.actor), note: params.note });
      paid.push(order.id);
    }
    return paid;
  });
}

/**
 * Cancels every order of the checkout the system may still cancel (the unpaid ones), releasing
 * each order's stock, for checkout expiry. It does not settle the checkout: the caller does, once.
 * Locks the checkout before its orders, as every cancel does. Returns the orders cancelled.
 */
export function cancelCheckoutOrders(
  trx: Db,
  params: { checkoutId: string; actor: CheckoutStepActor; note: string },
): Promise<string[]> {
  return inTransaction(trx, async (tx) => {
    await tx.selectFrom("checkouts").select("id").where("id", "=", params.checkoutId).forUpdate().execute();
    const cancelled: string[] = [];
    for (const order of await lockCheckoutOrders(tx, params.checkoutId)) {
      if (!canTransition(order.status, "cancelled", "system")) continue;
      await transitionOrder(tx, {
        orderId: order.id,
        to: "cancelled",
        actor: systemActor(params.actor),
        note: params.note,
        settleCheckout: false,
      });
      cancelled.push(order.id);
    }
    return cancelled;
  });
}
