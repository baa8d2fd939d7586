import { z } from "zod";
import { pageInputSchema, pageOutputSchema } from "./pagination.ts";
import { entityIdSchema } from "./stores.ts";

/** A store order's lifecycle states (refund states arrive with the payments issue). */
export const ORDER_STATUSES = [
  "pending_payment",
  "paid",
  "processing",
  "shipped",
  "delivered",
  "completed",
  "cancelled",
] as const;
export const orderStatusSchema = z.enum(ORDER_STATUSES, { error: "Unknown order status" });
export type OrderStatusValue = z.infer<typeof orderStatusSchema>;

export const orderIdInputSchema = z.object({ id: entityIdSchema });
export type OrderIdInput = z.infer<typeof orderIdInputSchema>;

export const cancelMyOrderInputSchema = z.object({
  id: entityIdSchema,
  reason: z.string().trim().max(500, "A reason is at most 500 characters").optional(),
});
export type CancelMyOrderInput = z.infer<typeof cancelMyOrderInputSchema>;

const searchSchema = z
  .string()
  .trim()
  .min(1, "Type at least one character of the order number")
  .max(40, "An order number is at most 40 characters");

/** created_at window; `from` inclusive, `to` exclusive. */
const dateRangeShape = {
  from: z.date({ error: "From must be a date" }).optional(),
  to: z.date({ error: "To must be a date" }).optional(),
};
const rangeIsOrdered = (value: { from?: Date | undefined; to?: Date | undefined }) =>
  !value.from || !value.to || value.from < value.to;
const rangeMessage = { message: "From must be before to", path: ["to"] };

export const listMyOrdersInputSchema = pageInputSchema.extend({ status: orderStatusSchema.optional() });
export type ListMyOrdersInput = z.infer<typeof listMyOrdersInputSchema>;

export const listStoreOrdersInputSchema = pageInputSchema
  .extend({ status: orderStatusSchema.optional(), search: searchSchema.optional(), ...dateRangeShape })
  .refine(rangeIsOrdered, rangeMessage);
export type ListStoreOrdersInput = z.infer<typeof listStoreOrdersInputSchema>;

export const listAllOrdersInputSchema = pageInputSchema
  .extend({
    status: orderStatusSchema.optional(),
    search: searchSchema.optional(),
    storeId: entityIdSchema.optional(),
    customerId: entityIdSchema.optional(),
    ...dateRangeShape,
  })
  .refine(rangeIsOrdered, rangeMessage);
export type ListAllOrdersInput = z.infer<typeof listAllOrdersInputSchema>;

export const listStuckOrdersInputSchema = pageInputSchema.extend({
  /** Paid this many days ago or earlier and still unshipped; defaults to ORDER_STUCK_DAYS. */
  olderThanDays: z
    .number()
    .int("Days are a whole number")
    .min(1, "At least 1 day")
    .max(365, "At most 365 days")
    .optional(),
});
export type ListStuckOrdersInput = z.infer<typeof listStuckOrdersInputSchema>;

export const shipOrderInputSchema = z.object({
  id: entityIdSchema,
  courier: z.string().trim().min(2, "Name the courier").max(40, "A courier name is at most 40 characters"),
  trackingNumber: z
    .string()
    .trim()
    .min(4, "Enter the tracking number")
    .max(64, "A tracking number is at most 64 characters")
    .regex(/^[A-Za-z0-9-]+$/, "A tracking number has only letters, digits and dashes"),
});
export type ShipOrderInput = z.infer<typeof shipOrderInputSchema>;

export const forceOrderTransitionInputSchema = z.object({
  id: entityIdSchema,
  to: orderStatusSchema,
  reason: z.string().trim().min(5, "Say why you force this change").max(500, "A reason is at most 500 characters"),
});
export type ForceOrderTransitionInput = z.infer<typeof forceOrderTransitionInputSchema>;

export const orderLineSchema = z.object({
  id: z.string(),
  productId: z.string(),
  variantId: z.string(),
  productTitle: z.string(),
  variantTitle: z.string(),
  sku: z.string(),
  unitPrice: z.number().int(),
  quantity: z.number().int(),
  lineTotal: z.number().int(),
  status: z.string(),
});
export type OrderLine = z.infer<typeof orderLineSchema>;

/** An event as buyers and sellers see it: who acted by role, never by user id. */
export const orderEventSchema = z.object({
  id: z.number().int(),
  fromStatus: orderStatusSchema.nullable(),
  toStatus: orderStatusSchema,
  actorRole: z.string(),
  note: z.string().nullable(),
  createdAt: z.date(),
});
export type OrderEvent = z.infer<typeof orderEventSchema>;
export const staffOrderEventSchema = orderEventSchema.extend({ actorId: z.string().nullable() });

export const shippingAddressSchema = z.object({
  recipient: z.string(),
  phone: z.string(),
  line: z.string(),
  city: z.string(),
  postalCode: z.string(),
  region: z.string(),
  note: z.string().optional(),
});

export const orderShippingSchema = z.object({
  courier: z.string(),
  service: z.string(),
  etaMinDays: z.number().int(),
  etaMaxDays: z.number().int(),
  shippedCourier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  address: shippingAddressSchema,
});

/** Money in the currency's minor units. */
export const orderAmountsSchema = z.object({
  subtotal: z.number().int(),
  shippingCost: z.number().int(),
  storeDiscount: z.number().int(),
  platformDiscount: z.number().int(),
  coinsDiscount: z.number().int(),
  total: z.number().int(),
});

export const orderTimesSchema = z.object({
  createdAt: z.date(),
  paidAt: z.date().nullable(),
  processingAt: z.date().nullable(),
  shippedAt: z.date().nullable(),
  deliveredAt: z.date().nullable(),
  completedAt: z.date().nullable(),
  cancelledAt: z.date().nullable(),
});

const orderStoreSchema = z.object({ id: z.string(), name: z.string(), slug: z.string() });

const summaryBase = {
  id: z.string(),
  number: z.string(),
  status: orderStatusSchema,
  total: z.number().int(),
  itemCount: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
};

export const myOrderSummarySchema = z.object({ ...summaryBase, store: orderStoreSchema });
export type MyOrderSummary = z.infer<typeof myOrderSummarySchema>;
export const listMyOrdersOutputSchema = pageOutputSchema(myOrderSummarySchema);

const detailBase = {
  id: z.string(),
  number: z.string(),
  status: orderStatusSchema,
  currency: z.string(),
  amounts: orderAmountsSchema,
  shipping: orderShippingSchema,
  times: orderTimesSchema,
  lines: z.array(orderLineSchema),
};

export const myOrderSchema = z.object({
  ...detailBase,
  checkoutId: z.string(),
  store: orderStoreSchema,
  events: z.array(orderEventSchema),
});
export type MyOrder = z.infer<typeof myOrderSchema>;

/** The buyer as a seller sees them: only what shipping needs. */
export const storeOrderSummarySchema = z.object({
  ...summaryBase,
  recipient: z.object({ name: z.string(), phone: z.string(), city: z.string() }),
  paidAt: z.date().nullable(),
});
export type StoreOrderSummary = z.infer<typeof storeOrderSummarySchema>;
export const listStoreOrdersOutputSchema = pageOutputSchema(storeOrderSummarySchema);

export const storeOrderSchema = z.object({ ...detailBase, events: z.array(orderEventSchema) });
export type StoreOrder = z.infer<typeof storeOrderSchema>;

export const staffOrderSummarySchema = z.object({
  ...summaryBase,
  store: orderStoreSchema,
  customerId: z.string(),
  paidAt: z.date().nullable(),
  shippedAt: z.date().nullable(),
});
export type StaffOrderSummary = z.infer<typeof staffOrderSummarySchema>;
export const listAllOrdersOutputSchema = pageOutputSchema(staffOrderSummarySchema);
export const listStuckOrdersOutputSchema = pageOutputSchema(staffOrderSummarySchema);

export const staffOrderSchema = z.object({
  ...detailBase,
  checkoutId: z.string(),
  store: orderStoreSchema,
  customerId: z.string(),
  events: z.array(staffOrderEventSchema),
});
export type StaffOrder = z.infer<typeof staffOrderSchema>;
