import type { OrderLineStatus, OrderStatus } from "@niaga/db";
import { DomainError } from "../shared/errors.ts";

/** Who moves an order: the buyer, the store, the platform's own jobs and payment step, or staff. */
export type OrderActorKind = "customer" | "seller" | "system" | "manager";

/** Every order state, in lifecycle order (cancelled last). */
export const ORDER_STATUS_LIST: readonly OrderStatus[] = [
  "pending_payment",
  "paid",
  "processing",
  "shipped",
  "delivered",
  "completed",
  "cancelled",
];

/** One allowed move: this kind of actor may take an order from `from` to `to`. */
export interface OrderTransitionRule {
  from: OrderStatus;
  to: OrderStatus;
  actor: OrderActorKind;
}

const rule = (from: OrderStatus, to: OrderStatus, actor: OrderActorKind): OrderTransitionRule => ({ from, to, actor });

/**
 * Managers may force any change except three that would lie about money or stock: leaving
 * pending_payment other than by cancelling (payment belongs to the payment step), entering
 * pending_payment, and leaving cancelled (its stock, coupons and coins are already released).
 */
const MANAGER_RULES: readonly OrderTransitionRule[] = ORDER_STATUS_LIST.flatMap((from) =>
  ORDER_STATUS_LIST.filter(
    (to) =>
      to !== from &&
      from !== "cancelled" &&
      to !== "pending_payment" &&
      (from !== "pending_payment" || to === "cancelled"),
  ).map((to) => rule(from, to, "manager")),
);

/**
 * The single source of truth of who may move an order from which state to which. Every
 * transition, whichever procedure or job asks for it, is checked against this table.
 */
export const ORDER_TRANSITIONS: readonly OrderTransitionRule[] = [
  // The payment step (markCheckoutOrdersPaid) pays every order of a checkout.
  rule("pending_payment", "paid", "system"),
  rule("pending_payment", "cancelled", "customer"),
  // Checkout expiry.
  rule("pending_payment", "cancelled", "system"),
  // Before the seller starts processing; the refund is the payments issue's (see order-refund.ts).
  rule("paid", "cancelled", "customer"),
  rule("paid", "processing", "seller"),
  rule("processing", "shipped", "seller"),
  rule("shipped", "delivered", "seller"),
  // Confirming receipt of a shipped order records delivered, then completed.
  rule("shipped", "delivered", "customer"),
  rule("delivered", "completed", "customer"),
  // Auto-completion after ORDER_AUTO_COMPLETE_DAYS.
  rule("delivered", "completed", "system"),
  ...MANAGER_RULES,
];

const ALLOWED = new Set(ORDER_TRANSITIONS.map((r) => `${r.from}>${r.to}>${r.actor}`));

/** Whether the table lets `actor` move an order from `from` to `to`. */
export function canTransition(from: OrderStatus, to: OrderStatus, actor: OrderActorKind): boolean {
  return ALLOWED.has(`${from}>${to}>${actor}`);
}

/** What happening to an order reads as in an error: "cannot be <verb>". */
const VERB: Record<OrderStatus, string> = {
  pending_payment: "returned to pending payment",
  paid: "marked paid",
  processing: "accepted",
  shipped: "shipped",
  delivered: "marked delivered",
  completed: "completed",
  cancelled: "cancelled",
};

/** A state as people read it: "pending payment". */
export function statusLabel(status: OrderStatus): string {
  return status.replace("_", " ");
}

/** The refusal every forbidden transition answers with, e.g. "An order that is shipped cannot be cancelled". */
export function refusedTransition(from: OrderStatus, to: OrderStatus): DomainError {
  return new DomainError("CONFLICT", `An order that is ${statusLabel(from)} cannot be ${VERB[to]}`);
}

/** Order lines follow their order; only the first state is named differently. */
export function lineStatusFor(status: OrderStatus): OrderLineStatus {
  return status === "pending_payment" ? "pending" : status;
}

/** The column stamped when an order enters each state (pending_payment is stamped by created_at). */
export const STATUS_TIMESTAMP = {
  paid: "paid_at",
  processing: "processing_at",
  shipped: "shipped_at",
  delivered: "delivered_at",
  completed: "completed_at",
  cancelled: "cancelled_at",
} as const satisfies Partial<Record<OrderStatus, string>>;
