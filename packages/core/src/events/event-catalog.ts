import { z } from "zod";

// Every domain event Niaga emits, with its payload schema. Payloads carry ids (and the few facts
// a message needs); handlers re-read anything else. Schemas are loose objects: an emitter may add
// a field without breaking readers, but the named fields are checked when the event is written.

const id = z.string().min(1);
const amount = z.number().int();

const complaintPayload = z.looseObject({
  complaintId: id,
  orderId: id,
  customerId: id,
  storeId: id,
  status: z.string(),
});

/** The catalog: type → the aggregate it is about and its payload schema. */
export const EVENT_CATALOG = {
  "order.placed": {
    aggregate: "order",
    payload: z.looseObject({ checkoutId: id, storeId: id, customerId: id, total: amount }),
  },
  "order.status_changed": {
    aggregate: "order",
    payload: z.looseObject({ orderId: id, storeId: id, customerId: id, from: z.string(), to: z.string() }),
  },
  /** From markCheckoutPaid (aggregate checkout) and from payment processing (aggregate payment). */
  "payment.confirmed": {
    aggregate: ["checkout", "payment"],
    payload: z.looseObject({
      customerId: id.optional(),
      provider: z.string().optional(),
      purpose: z.string().optional(),
      referenceId: id.optional(),
      amount: amount.optional(),
    }),
  },
  "payment.failed": { aggregate: "payment", payload: z.looseObject({ purpose: z.string(), referenceId: id }) },
  "payment.cancelled": { aggregate: "payment", payload: z.looseObject({ purpose: z.string(), referenceId: id }) },
  "payment.refund_due": { aggregate: "payment", payload: z.looseObject({ checkoutId: id }) },
  "checkout.expired": { aggregate: "checkout", payload: z.looseObject({ checkoutId: id, customerId: id }) },
  "stock.low": {
    aggregate: "product",
    payload: z.looseObject({ storeId: id, productId: id, variantId: id, available: amount, threshold: amount }),
  },
  /** Any applied change to a product's inventory levels (one per product per applyStockChanges call); live stock re-reads. */
  "stock.changed": { aggregate: "product", payload: z.looseObject({ productId: id, variantIds: z.array(id).min(1) }) },
  "product.published": { aggregate: "product", payload: z.looseObject({ productId: id, storeId: id }) },
  "coupon.redeemed": {
    aggregate: "coupon",
    payload: z.looseObject({ couponId: id, checkoutId: id, customerId: id, discount: amount }),
  },
  "complaint.opened": { aggregate: "complaint", payload: complaintPayload },
  "complaint.responded": { aggregate: "complaint", payload: complaintPayload },
  "complaint.returned": { aggregate: "complaint", payload: complaintPayload },
  "complaint.expired": { aggregate: "complaint", payload: complaintPayload },
  "complaint.escalated": { aggregate: "complaint", payload: complaintPayload },
  "refund.decided": { aggregate: "complaint", payload: complaintPayload },
  "refund.succeeded": {
    aggregate: "refund",
    payload: z.looseObject({ complaintId: id.nullable(), orderId: id, customerId: id, amount }),
  },
  "withdrawal.requested": { aggregate: "withdrawal", payload: z.looseObject({ storeId: id, amount }) },
  "withdrawal.decided": {
    aggregate: "withdrawal",
    payload: z.looseObject({ storeId: id, status: z.string().optional(), amount: amount.optional() }),
  },
  /** A notification row was written; the real-time stream re-reads it by id. */
  "notification.created": { aggregate: "user", payload: z.looseObject({ notificationId: id, userId: id }) },
} as const satisfies Record<string, { aggregate: string | readonly string[]; payload: z.ZodType }>;

export type EventType = keyof typeof EVENT_CATALOG;
export type EventPayload<T extends EventType> = z.infer<(typeof EVENT_CATALOG)[T]["payload"]>;

export const EVENT_TYPES = Object.keys(EVENT_CATALOG) as EventType[];

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_CATALOG, type);
}

/**
 * Checks an event against the catalog: a known type, its aggregate kind, its payload's fields.
 * Throws (a programming error, not a user one) so a malformed event never reaches the outbox.
 */
export function validateEvent(event: { type: string; aggregate: { type: string }; payload?: unknown }): void {
  if (!isEventType(event.type))
    throw new Error(`Unknown domain event type "${event.type}" (add it to event-catalog.ts)`);
  const entry = EVENT_CATALOG[event.type];
  const aggregates: readonly string[] = typeof entry.aggregate === "string" ? [entry.aggregate] : entry.aggregate;
  if (!aggregates.includes(event.aggregate.type)) {
    throw new Error(`Domain event "${event.type}" is about a ${aggregates.join("/")}, not a ${event.aggregate.type}`);
  }
  const parsed = entry.payload.safeParse(event.payload ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Domain event "${event.type}" has an invalid payload: ${problems}`);
  }
}
