import { z } from "zod";
import { orderStatusSchema } from "./orders.ts";
import { entityIdSchema } from "./stores.ts";

// Live streams (tRPC subscriptions over server-sent events). Each message carries the event that
// caused it and the state re-read from the database after it. `lastEventId` is the cursor tRPC's
// client resends on reconnect; a stream answers it with the events it missed.

const lastEventIdSchema = z
  .string({ error: "lastEventId must be a string" })
  .max(32, { error: "lastEventId is too long" })
  .nullish();

export const liveCursorInputSchema = z.strictObject({ lastEventId: lastEventIdSchema }).optional();
export type LiveCursorInput = z.infer<typeof liveCursorInputSchema>;

export const liveOrderInputSchema = z.strictObject({ orderId: entityIdSchema, lastEventId: lastEventIdSchema });
export type LiveOrderInput = z.infer<typeof liveOrderInputSchema>;

export const liveStockInputSchema = z.strictObject({ productId: entityIdSchema, lastEventId: lastEventIdSchema });
export type LiveStockInput = z.infer<typeof liveStockInputSchema>;

/** The event behind a message; null for the snapshot a stream starts with when it has no cursor. */
export const liveEventRefSchema = z.object({ id: z.number().int(), type: z.string(), occurredAt: z.date() }).nullable();

export const liveOrderMessageSchema = z.object({
  event: liveEventRefSchema,
  /** The transition the event records (order.status_changed), as written when it happened. */
  transition: z.object({ from: orderStatusSchema.nullable(), to: orderStatusSchema }).nullable(),
  order: z.object({ id: z.string(), number: z.string(), status: orderStatusSchema, updatedAt: z.date() }),
});
export type LiveOrderMessage = z.infer<typeof liveOrderMessageSchema>;

export const liveStoreOrderMessageSchema = z.object({
  event: liveEventRefSchema,
  /** Null in the snapshot message. */
  order: z
    .object({
      id: z.string(),
      number: z.string(),
      status: orderStatusSchema,
      total: z.number().int(),
      createdAt: z.date(),
      updatedAt: z.date(),
    })
    .nullable(),
});
export type LiveStoreOrderMessage = z.infer<typeof liveStoreOrderMessageSchema>;

export const liveStockMessageSchema = z.object({
  event: liveEventRefSchema,
  productId: z.string(),
  inStock: z.boolean(),
  variants: z.array(z.object({ variantId: z.string(), available: z.number().int() })),
});
export type LiveStockMessage = z.infer<typeof liveStockMessageSchema>;

export const liveNotificationMessageSchema = z.object({
  event: liveEventRefSchema,
  /** Null in the snapshot message; `unread` is the caller's unread count after the event. */
  notification: z
    .object({
      id: z.string(),
      type: z.string(),
      title: z.string(),
      body: z.string(),
      readAt: z.date().nullable(),
      createdAt: z.date(),
    })
    .nullable(),
  unread: z.number().int(),
});
export type LiveNotificationMessage = z.infer<typeof liveNotificationMessageSchema>;
