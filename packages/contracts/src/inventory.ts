import { z } from "zod";
import { pageInputSchema, pageOutputSchema } from "./pagination.ts";
import { entityIdSchema } from "./stores.ts";

/** Why stock changed. Sellers pick from the first five; the rest are written by the platform. */
export const INVENTORY_REASONS = [
  "restock",
  "correction",
  "damage",
  "loss",
  "return",
  "initial",
  "sale",
  "manager_adjustment",
] as const;
export const inventoryReasonSchema = z.enum(INVENTORY_REASONS);
export type InventoryReason = z.infer<typeof inventoryReasonSchema>;
export const SELLER_INVENTORY_REASONS = ["restock", "correction", "damage", "loss", "return"] as const;

/** Stock quantities: whole units, bounded so nobody types a phone number into a stock field. */
export const MAX_STOCK = 1_000_000;
export const stockQuantitySchema = z
  .number()
  .int("Stock is a whole number")
  .min(0, "Stock cannot be negative")
  .max(MAX_STOCK, `Stock is at most ${MAX_STOCK}`);
const deltaSchema = z
  .number()
  .int("The change is a whole number")
  .min(-MAX_STOCK)
  .max(MAX_STOCK)
  .refine((value) => value !== 0, "The change cannot be zero");

export const adjustInventoryInputSchema = z.object({
  variantId: entityIdSchema,
  locationId: entityIdSchema,
  delta: deltaSchema,
  reason: z.enum(SELLER_INVENTORY_REASONS),
  note: z.string().trim().max(500).optional(),
});
export type AdjustInventoryInput = z.infer<typeof adjustInventoryInputSchema>;

/** A manager's adjustment always names why, for the audit log. */
export const managerAdjustInventoryInputSchema = z.object({
  variantId: entityIdSchema,
  locationId: entityIdSchema,
  delta: deltaSchema,
  note: z.string().trim().min(3, "Say why you adjust this stock").max(500),
});
export type ManagerAdjustInventoryInput = z.infer<typeof managerAdjustInventoryInputSchema>;

export const inventoryLevelSchema = z.object({
  variantId: z.string(),
  sku: z.string(),
  variantTitle: z.string(),
  productId: z.string(),
  productTitle: z.string(),
  locationId: z.string(),
  locationName: z.string(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  lowStockThreshold: z.number().int(),
});
export type InventoryLevel = z.infer<typeof inventoryLevelSchema>;

export const listInventoryInputSchema = pageInputSchema.extend({
  productId: entityIdSchema.optional(),
  locationId: entityIdSchema.optional(),
});
export type ListInventoryInput = z.infer<typeof listInventoryInputSchema>;
export const listInventoryOutputSchema = pageOutputSchema(inventoryLevelSchema);

export const journalEntrySchema = z.object({
  id: z.number().int(),
  variantId: z.string(),
  locationId: z.string(),
  onHandDelta: z.number().int(),
  reservedDelta: z.number().int(),
  onHandAfter: z.number().int(),
  reason: z.string(),
  note: z.string().nullable(),
  actorId: z.string().nullable(),
  reference: z.string().nullable(),
  createdAt: z.date(),
});
export type JournalEntry = z.infer<typeof journalEntrySchema>;

export const listJournalInputSchema = pageInputSchema.extend({
  variantId: entityIdSchema.optional(),
  productId: entityIdSchema.optional(),
});
export type ListJournalInput = z.infer<typeof listJournalInputSchema>;
export const listJournalOutputSchema = pageOutputSchema(journalEntrySchema);

/** Sets absolute on-hand quantities; all rows apply or none do. */
export const bulkUpdateStockInputSchema = z.object({
  rows: z
    .array(z.object({ variantId: entityIdSchema, locationId: entityIdSchema, onHand: stockQuantitySchema }))
    .min(1, "Send at least one row")
    .max(500, "At most 500 rows per call"),
  note: z.string().trim().max(500).optional(),
});
export type BulkUpdateStockInput = z.infer<typeof bulkUpdateStockInputSchema>;
export const bulkUpdateResultSchema = z.object({ updated: z.number().int() });
