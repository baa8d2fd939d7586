import type { OrderStatus } from "@niaga/db";
import { settleCheckoutAfterOrderCancel } from "../checkout/checkout-close.ts";
import { releaseOrderStock } from "../checkout/stock-holds.ts";
import { emitDomainEvents } from "../events/domain-events.ts";
import { recordOrderCompleted } from "../ledger/ledger.flows.ts";
import type { RequestedRefund } from "../refunds/refunds.service.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { NotFoundError } from "../shared/errors.ts";
import { requestOrderRefund } from "./order-refund.ts";
import type { OrderActorKind } from "./order-state.ts";
import { canTransition, lineStatusFor, refusedTransition, STATUS_TIMESTAMP } from "./order-state.ts";

/** Who acts on an order: the kind the transition table checks, and what the event records. */
export interface OrderActor {
  kind: OrderActorKind;
  userId: string | null;
  /** Recorded on the event: customer, seller, manager, admin, superadmin or system. */
  role: string;
}

/** Jobs and the payment step. */
export const SYSTEM_ORDER_ACTOR: OrderActor = { kind: "system", userId: null, role: "system" };

export interface OrderTransition {
  orderId: string;
  to: OrderStatus;
  actor: OrderActor;
  note?: string | null | undefined;
  /** Only this customer's or this store's orders are found; any other answers NOT_FOUND. */
  scope?: { customerId?: string; storeId?: string } | undefined;
  /** Order columns written together with the status (the shipment's courier and tracking number). */
  patch?: { shipped_courier?: string; tracking_number?: string } | undefined;
  /** A cancel settles its checkout unless the caller settles it once for many orders (expiry). */
  settleCheckout?: boolean | undefined;
}

export interface TransitionResult {
  orderId: string;
  checkoutId: string;
  from: OrderStatus;
  to: OrderStatus;
  /** The refund a cancelled paid order requested; the caller sends it after commit when pending. */
  refund: RequestedRefund | null;
}

async function lockOrder(trx: Db, params: OrderTransition) {
  let query = trx
    .selectFrom("orders")
    .select(["id", "status", "checkout_id", "total", "customer_id", "store_id"])
    .where("id", "=", params.orderId)
    .forUpdate();
  if (params.scope?.customerId) query = query.where("customer_id", "=", params.scope.customerId);
  if (params.scope?.storeId) query = query.where("store_id", "=", params.scope.storeId);
  return query.executeTakeFirst();
}

/**
 * Moves one order to `to` if the transition table lets this actor do it from the order's
 * current state: locks the order row, updates its status and timestamp, keeps its lines in step
 * and appends an order event, all in one transaction. A cancel also releases the order's stock,
 * names the refund a paid order is owed, and settles the checkout once all its orders are
 * cancelled. A cancel locks the checkout row before the order, the order the payment step uses
 * (checkout, then stock, then orders), so a cancel racing a payment queues instead of deadlocking.
 */
export function transitionOrder(db: Db, params: OrderTransition): Promise<TransitionResult> {
  return inTransaction(db, async (trx) => {
    if (params.to === "cancelled") {
      let peekQuery = trx.selectFrom("orders").select("checkout_id").where("id", "=", params.orderId);
      if (params.scope?.customerId) peekQuery = peekQuery.where("customer_id", "=", params.scope.customerId);
      if (params.scope?.storeId) peekQuery = peekQuery.where("store_id", "=", params.scope.storeId);
      const peek = await peekQuery.executeTakeFirst();
      if (peek) {
        await trx.selectFrom("checkouts").select("id").where("id", "=", peek.checkout_id).forUpdate().execute();
      }
    }
    const order = await lockOrder(trx, params);
    if (!order) throw new NotFoundError("Order");
    const from = order.status;
    if (!canTransition(from, params.to, params.actor.kind)) throw refusedTransition(from, params.to);

    const now = new Date();
    const stamp = params.to === "pending_payment" ? {} : { [STATUS_TIMESTAMP[params.to]]: now };
    await trx
      .updateTable("orders")
      .set({ ...params.patch, ...stamp, status: params.to, updated_at: now })
      .where("id", "=", order.id)
      .execute();
    await trx
      .updateTable("order_lines")
      .set({ status: lineStatusFor(params.to), ...(params.to === "delivered" && { delivered_at: now }) })
      .where("order_id", "=", order.id)
      // A line refunded through a complaint stays refunded whatever the order does next.
      .where("status", "<>", "refunded")
      .execute();

    const notes = params.note ? [params.note] : [];
    let refund: RequestedRefund | null = null;
    if (params.to === "cancelled") {
      // The checkout's coupons and coins before the order's stock: the lock order of checkout.
      if (params.settleCheckout !== false) await settleCheckoutAfterOrderCancel(trx, { checkoutId: order.checkout_id });
      await releaseOrderStock(trx, { orderId: order.id, actorId: params.actor.userId });
      if (from !== "pending_payment") {
        const requested = await requestOrderRefund(trx, { orderId: order.id, actorId: params.actor.userId });
        notes.push(requested.note);
        refund = requested.refund;
      }
    }
    // The seller's earnings for a completed order become withdrawable, in the same transaction.
    if (params.to === "completed") await recordOrderCompleted(trx, { orderId: order.id, actorId: params.actor.userId });
    await trx
      .insertInto("order_events")
      .values({
        order_id: order.id,
        from_status: from,
        to_status: params.to,
        actor_id: params.actor.userId,
        actor_role: params.actor.role,
        note: notes.length ? notes.join(" · ") : null,
        created_at: now,
      })
      .execute();
    await emitDomainEvents(trx, [
      {
        type: "order.status_changed",
        aggregate: { type: "order", id: order.id },
        payload: { orderId: order.id, storeId: order.store_id, customerId: order.customer_id, from, to: params.to },
      },
    ]);
    return { orderId: order.id, checkoutId: order.checkout_id, from, to: params.to, refund };
  });
}
