import { z } from "zod";
import { pageInputSchema, pageOutputSchema } from "./pagination.ts";

/** The event types a user can be notified of; preferences are kept per type. */
export const NOTIFICATION_TYPES = [
  "order.placed",
  "payment.confirmed",
  "order.status_changed",
  "refund.decided",
  "complaint.opened",
  "complaint.escalated",
  "stock.low",
  "withdrawal.decided",
  "product.published",
] as const;
export const notificationTypeSchema = z.enum(NOTIFICATION_TYPES, { error: "Unknown notification type" });
export type NotificationType = z.infer<typeof notificationTypeSchema>;

export const notificationSchema = z.object({
  id: z.string(),
  type: z.string(),
  title: z.string(),
  body: z.string(),
  /** Ids the client links to (orderId, productId, complaintId …). */
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  readAt: z.date().nullable(),
  createdAt: z.date(),
});
export type NotificationDto = z.infer<typeof notificationSchema>;

export const listNotificationsInputSchema = pageInputSchema.extend({
  unreadOnly: z.boolean().default(false),
});
export type ListNotificationsInput = z.infer<typeof listNotificationsInputSchema>;
export const listNotificationsOutputSchema = pageOutputSchema(notificationSchema);

export const unreadCountOutputSchema = z.object({ count: z.number().int() });

export const markNotificationReadInputSchema = z.object({
  id: z.string().min(1, "Required").max(64, "Too long"),
});
export type MarkNotificationReadInput = z.infer<typeof markNotificationReadInputSchema>;
export const markReadOutputSchema = z.object({ updated: z.number().int() });

export const notificationPreferenceSchema = z.object({
  type: notificationTypeSchema,
  inApp: z.boolean({ error: "Must be true or false" }),
  email: z.boolean({ error: "Must be true or false" }),
});
export type NotificationPreference = z.infer<typeof notificationPreferenceSchema>;
export const notificationPreferencesOutputSchema = z.array(notificationPreferenceSchema);

export const updateNotificationPreferencesInputSchema = z.object({
  preferences: z
    .array(notificationPreferenceSchema)
    .min(1, "Give at least one preference")
    .max(NOTIFICATION_TYPES.length, "One entry per type")
    .refine((list) => new Set(list.map((entry) => entry.type)).size === list.length, "Each type at most once"),
});
export type UpdateNotificationPreferencesInput = z.infer<typeof updateNotificationPreferencesInputSchema>;

/** The daily email digest of unread notifications: on unless the user turned it off. */
export const digestPreferenceSchema = z.object({
  digest: z.boolean({ error: "Must be true or false" }),
});
export type DigestPreference = z.infer<typeof digestPreferenceSchema>;
