import type {
  CancelMyOrderInput,
  ForceOrderTransitionInput,
  MyOrder,
  ShipOrderInput,
  StaffOrder,
  StoreOrder,
} from "@niaga/contracts";
import type { OrderStatus } from "@niaga/db";
import { recordAudit } from "../audit/audit.ts";
import type { RefundGateways } from "../refunds/refund-gateway.ts";
import { executeRefund } from "../refunds/refunds.service.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import { requireSellerStore } from "../stores/stores.service.ts";
import type { Actor } from "../users/users.service.ts";
import type { OrderActor, TransitionResult } from "./order-transition.ts";
import { transitionOrder } from "./order-transition.ts";
import { getAnyOrder, getMyOrder, getStoreOrder } from "./orders.read.ts";

// Actions by role. Each checks nothing itself beyond scope: the transition table decides.

/** A seller buying from another store acts as a customer here. */
const asCustomer = (actor: Actor): OrderActor => ({ kind: "customer", userId: actor.userId, role: "customer" });
const asSeller = (actor: Actor): OrderActor => ({ kind: "seller", userId: actor.userId, role: "seller" });

/** How a cancellation's refund reaches the payment provider once the cancel has committed. */
export interface OrderRefundDeps {
  refunds?: RefundGateways;
}

/**
 * Sends a cancelled paid order's refund through its provider after the cancel committed. Inside a
 * caller's transaction, or with no gateways, it stays requested for the refunds.retry sweep.
 */
async function sendRefundAfterCommit(db: Db, deps: OrderRefundDeps, moved: TransitionResult) {
  if (moved.refund?.pending && deps.refunds && !db.isTransaction) {
    await executeRefund(db, deps.refunds, moved.refund.refundId);
  }
}

/**
 * The customer cancels before payment, or after it while the seller has not started processing;
 * a paid order's money goes back (see requestOrderRefund).
 */
export async function cancelMyOrder(
  db: Db,
  actor: Actor,
  input: CancelMyOrderInput,
  deps: OrderRefundDeps = {},
): Promise<MyOrder> {
  const moved = await inTransaction(db, (trx) =>
    transitionOrder(trx, {
      orderId: input.id,
      to: "cancelled",
      actor: asCustomer(actor),
      scope: { customerId: actor.userId },
      note: input.reason ?? null,
    }),
  );
  await sendRefundAfterCommit(db, deps, moved);
  return getMyOrder(db, actor, input);
}

/** Confirms receipt: a shipped order is recorded delivered, then completed; a delivered one completed. */
export async function confirmReceipt(db: Db, actor: Actor, input: { id: string }): Promise<MyOrder> {
  return inTransaction(db, async (trx) => {
    // Lock first so the choice between one and two steps holds until commit.
    const order = await trx
      .selectFrom("orders")
      .select("status")
      .where("id", "=", input.id)
      .where("customer_id", "=", actor.userId)
      .forUpdate()
      .executeTakeFirst();
    if (!order) throw new NotFoundError("Order");
    const step = { orderId: input.id, actor: asCustomer(actor), scope: { customerId: actor.userId } };
    if (order.status === "shipped") await transitionOrder(trx, { ...step, to: "delivered", note: "Receipt confirmed" });
    await transitionOrder(trx, { ...step, to: "completed", note: "Receipt confirmed" });
    return getMyOrder(trx, actor, input);
  });
}

async function sellerStep(
  db: Db,
  actor: Actor,
  params: { id: string; to: OrderStatus; note?: string; patch?: { shipped_courier: string; tracking_number: string } },
): Promise<StoreOrder> {
  const store = await requireSellerStore(db, actor.userId);
  return inTransaction(db, async (trx) => {
    await transitionOrder(trx, {
      orderId: params.id,
      to: params.to,
      actor: asSeller(actor),
      scope: { storeId: store.id },
      note: params.note,
      patch: params.patch,
    });
    return getStoreOrder(trx, actor, params);
  });
}

/** The seller accepts a paid order and starts processing it (the customer can no longer cancel). */
export function acceptOrder(db: Db, actor: Actor, input: { id: string }): Promise<StoreOrder> {
  return sellerStep(db, actor, { id: input.id, to: "processing" });
}

/** The seller hands the parcel to a courier; courier and tracking number are required. */
export async function shipOrder(db: Db, actor: Actor, input: ShipOrderInput): Promise<StoreOrder> {
  const courier = input.courier.trim();
  const trackingNumber = input.trackingNumber.trim();
  if (!courier || !trackingNumber) {
    throw new DomainError("INVALID", "Courier and tracking number are required", {
      ...(!courier && { courier: ["Name the courier"] }),
      ...(!trackingNumber && { trackingNumber: ["Enter the tracking number"] }),
    });
  }
  return sellerStep(db, actor, {
    id: input.id,
    to: "shipped",
    note: `Shipped with ${courier}, tracking number ${trackingNumber}`,
    patch: { shipped_courier: courier, tracking_number: trackingNumber },
  });
}

/** The seller records delivery (the courier confirmed it). */
export function markOrderDelivered(db: Db, actor: Actor, input: { id: string }): Promise<StoreOrder> {
  return sellerStep(db, actor, { id: input.id, to: "delivered" });
}

/**
 * A manager forces a transition the table allows staff (nearly any), with a mandatory reason,
 * written to the order's events and the audit log in the same transaction.
 */
export async function forceOrderTransition(
  db: Db,
  actor: Actor,
  input: ForceOrderTransitionInput,
  deps: OrderRefundDeps = {},
): Promise<StaffOrder> {
  const reason = input.reason.trim();
  if (!reason) throw new DomainError("INVALID", "A reason is required", { reason: ["Say why you force this change"] });
  const moved = await inTransaction(db, async (trx) => {
    const moved = await transitionOrder(trx, {
      orderId: input.id,
      to: input.to,
      actor: { kind: "manager", userId: actor.userId, role: actor.role },
      note: `Forced by staff: ${reason}`,
    });
    await recordAudit(trx, {
      actorId: actor.userId,
      action: "order.force_transition",
      targetType: "order",
      targetId: input.id,
      data: { from: moved.from, to: moved.to, reason },
      requestId: actor.requestId,
    });
    return moved;
  });
  await sendRefundAfterCommit(db, deps, moved);
  return getAnyOrder(db, input);
}
